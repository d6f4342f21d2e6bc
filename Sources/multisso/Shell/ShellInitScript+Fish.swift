/// The `msso` function for fish.
extension ShellInitScript {
    static var fish: String {
        """
        # multisso shell integration for fish: multisso shell-init fish | source
        # msso PROFILE | msso --env PROFILE | msso --unset | msso --status | msso (pick at a terminal)
        function msso --description 'Switch this shell to an AWS profile with multisso'
            set -l env_flag
            set -l profile
            set -l status_flag
            for arg in $argv
                switch $arg
                    case --env
                        set env_flag --env
                    case --status
                        set status_flag 1
                    case --unset
                        set -e \(ShellAssignments.managed.joined(separator: " "))
                        return 0
                    case -h --help
                        echo "usage: msso [--env] [PROFILE] | msso --status | msso --unset"
                        return 0
                    case '-*'
                        echo "msso: unknown option $arg" >&2
                        return 64
                    case '*'
                        set profile $arg
                end
            end
            if test -z "$profile"
                if test "$MSSO_MODE" = env; and test (math "0$MSSO_EXPIRES - "(_msso_now)) -lt \(renewSeconds)
                    set profile $MSSO_PROFILE
                    set env_flag --env
                else if test -t 0; and test -t 2; and test -z "$status_flag"
                    set profile (command multisso pick); or return $status
                else if set -q MSSO_PROFILE
                    echo "msso: $MSSO_PROFILE ($MSSO_MODE), "(_msso_left)
                    return 0
                else
                    echo "msso: no profile"
                    return 0
                end
            end
            set -l code (command multisso shell-use --shell fish $env_flag -- $profile | string collect)
            set -l rc $pipestatus[1]
            if test $rc -eq 4; and test -t 0; and test -t 2
                command multisso login --profile $profile; or return $status
                set code (command multisso shell-use --shell fish $env_flag -- $profile | string collect)
                set rc $pipestatus[1]
            end
            test $rc -eq 0; or return $rc
            eval $code
            return 0
        end
        # fish has no clock builtin: the start of the last command in the history (plus its duration) is
        # "now" for the prompt, with no process started; only with an empty history is `date` asked.
        function _msso_now
            set -l last (history search --show-time='%s ' --max 1 2>/dev/null | string split -m 1 ' ')[1]
            if string match -qr '^[0-9]+$' -- "$last"
                math --scale=0 "$last + 0$CMD_DURATION / 1000"
            else
                date +%s
            end
        end
        function _msso_left
            set -l left (math "0$MSSO_EXPIRES - "(_msso_now))
            if test $left -le 0
                echo expired
            else if test $left -ge 3600
                echo (math --scale=0 "floor($left / 3600)")h(math --scale=0 "floor($left % 3600 / 60)")m
            else
                echo (math --scale=0 "floor($left / 60)")m
            end
        end
        # The prompt segment: call msso_prompt in your fish_prompt.
        function msso_prompt
            set -q MSSO_PROFILE; or return 0
            set -l left (math "0$MSSO_EXPIRES - "(_msso_now))
            set -l text "[$MSSO_PROFILE "(_msso_left)"]"
            if set -q NO_COLOR; or test $left -ge \(warnSeconds)
                echo -n "$text "
            else if test $left -le 0
                echo -n (set_color red)"$text"(set_color normal)" "
            else
                echo -n (set_color yellow)"$text"(set_color normal)" "
            end
        end

        """
    }
}

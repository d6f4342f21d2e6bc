/// The `msso` function for bash and zsh (one text: the differences are the clock, the prompt hook and
/// the colour escapes).
extension ShellInitScript {
    static func posix(_ shell: ShellKind) -> String {
        let zsh = shell == .zsh
        let clock = zsh ? "zmodload zsh/datetime 2>/dev/null\n" : ""
        let (red, yellow, reset) =
            zsh
            ? ("'%F{red}'", "'%F{yellow}'", "'%f'")
            : (#"$'\001\033[31m\002'"#, #"$'\001\033[33m\002'"#, #"$'\001\033[0m\002'"#)
        let hook =
            zsh
            ? #"(( ${precmd_functions[(I)_msso_prompt_update]} )) || precmd_functions+=(_msso_prompt_update)"#
            : #"case ";${PROMPT_COMMAND-};" in *";_msso_prompt_update;"*) ;; *) PROMPT_COMMAND="_msso_prompt_update${PROMPT_COMMAND:+;$PROMPT_COMMAND}" ;; esac"#
        return """
            # multisso shell integration for \(shell.rawValue): eval "$(multisso shell-init \(shell.rawValue))"
            # msso PROFILE | msso --env PROFILE | msso --unset | msso --status | msso (pick at a terminal)
            \(clock)msso() {
              local _msso_env= _msso_profile= _msso_code= _msso_rc=0 _msso_status=
              while [ $# -gt 0 ]; do
                case "$1" in
                  --env) _msso_env=--env ;;
                  --status) _msso_status=1 ;;
                  --unset) unset \(ShellAssignments.managed.joined(separator: " ")); return 0 ;;
                  -h|--help) echo "usage: msso [--env] [PROFILE] | msso --status | msso --unset"; return 0 ;;
                  -*) echo "msso: unknown option $1" >&2; return 64 ;;
                  *) _msso_profile=$1 ;;
                esac
                shift
              done
              if [ -z "$_msso_profile" ]; then
                if [ "${MSSO_MODE-}" = env ] && [ $(( ${MSSO_EXPIRES:-0} - EPOCHSECONDS )) -lt \(ShellInitScript.renewSeconds) ]; then
                  _msso_profile=$MSSO_PROFILE; _msso_env=--env
                elif [ -t 0 ] && [ -t 2 ] && [ -z "${_msso_status-}" ]; then
                  _msso_profile=$(command multisso pick) || return $?
                else
                  _msso_prompt_update
                  if [ -n "${MSSO_PROFILE-}" ]; then echo "msso: $MSSO_PROFILE ($MSSO_MODE), $_msso_left"; else echo "msso: no profile"; fi
                  return 0
                fi
              fi
              _msso_code=$(command multisso shell-use --shell \(shell.rawValue) $_msso_env -- "$_msso_profile") || _msso_rc=$?
              if [ "$_msso_rc" -eq 4 ] && [ -t 0 ] && [ -t 2 ]; then
                command multisso login --profile "$_msso_profile" || return $?
                _msso_rc=0
                _msso_code=$(command multisso shell-use --shell \(shell.rawValue) $_msso_env -- "$_msso_profile") || _msso_rc=$?
              fi
              [ "$_msso_rc" -eq 0 ] || return "$_msso_rc"
              eval "$_msso_code"
            }
            # The prompt segment: put ${MSSO_PROMPT} in your prompt (zsh: with `setopt prompt_subst`). It is
            # computed by the shell itself before each prompt, without starting any process.
            _msso_prompt_update() {
              MSSO_PROMPT= _msso_left=
              [ -n "${MSSO_PROFILE-}" ] || return 0
              local left=$(( ${MSSO_EXPIRES:-0} - EPOCHSECONDS ))
              if [ $left -le 0 ]; then _msso_left=expired
              elif [ $left -ge 3600 ]; then _msso_left="$(( left / 3600 ))h$(( left % 3600 / 60 ))m"
              else _msso_left="$(( left / 60 ))m"; fi
              if [ -n "${NO_COLOR-}" ] || [ $left -ge \(ShellInitScript.warnSeconds) ]; then
                MSSO_PROMPT="[$MSSO_PROFILE $_msso_left] "
              elif [ $left -le 0 ]; then
                MSSO_PROMPT=\(red)"[$MSSO_PROFILE $_msso_left]"\(reset)" "
              else
                MSSO_PROMPT=\(yellow)"[$MSSO_PROFILE $_msso_left]"\(reset)" "
              fi
            }
            \(hook)

            """
    }
}

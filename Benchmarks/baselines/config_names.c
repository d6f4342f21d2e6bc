/* The completion fast path's floor: the least a program can do to complete a profile name from the
 * config. Reads the whole file in one go and prints the name of every `[profile NAME]` section that
 * starts with PREFIX, one a line: no INI parsing, no validation, no sso-session lookup.
 *
 *   config_names CONFIG PREFIX
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: config_names CONFIG PREFIX\n");
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (file == NULL) {
        perror(argv[1]);
        return 1;
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, file) != (size_t)size) return 1;
    text[size] = '\0';
    fclose(file);
    const char *marker = "[profile ";
    size_t marker_length = strlen(marker), prefix_length = strlen(argv[2]);
    for (char *line = text; line != NULL && *line != '\0';) {
        char *next = strchr(line, '\n');
        if (strncmp(line, marker, marker_length) == 0 && strncmp(line + marker_length, argv[2], prefix_length) == 0) {
            char *end = strchr(line + marker_length, ']');
            if (end != NULL && (next == NULL || end < next)) {
                fwrite(line + marker_length, 1, (size_t)(end - line - marker_length), stdout);
                fputc('\n', stdout);
            }
        }
        line = next ? next + 1 : NULL;
    }
    return 0;
}

/*
 * The floor for `slo compile`: what libyaml alone costs for the same input and output sizes.
 *
 * Usage: yaml_floor SPEC_DIR OUT_FILE BYTES
 *
 * Reads every .yaml/.yml file under SPEC_DIR (in directory order: the cost is the same) with
 * libyaml's parser, keeping the scalars it reads, then writes BYTES bytes of YAML to OUT_FILE with
 * libyaml's emitter: a block sequence of mappings whose keys and values cycle through the input's
 * scalars, so the emitter analyses text of the same shape as the compiler writes. Single-threaded,
 * no model, no planning: the least any YAML-to-YAML tool built on libyaml could do.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

struct scalars {
    char **items;
    size_t *lengths;
    size_t count, capacity;
};

static void keep(struct scalars *s, const char *text, size_t length) {
    if (s->count == s->capacity) {
        s->capacity = s->capacity ? 2 * s->capacity : 1024;
        s->items = realloc(s->items, s->capacity * sizeof *s->items);
        s->lengths = realloc(s->lengths, s->capacity * sizeof *s->lengths);
        if (!s->items || !s->lengths) { perror("realloc"); exit(1); }
    }
    s->items[s->count] = malloc(length + 1);
    memcpy(s->items[s->count], text, length);
    s->items[s->count][length] = 0;
    s->lengths[s->count++] = length;
}

static int has_suffix(const char *name, const char *suffix) {
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcmp(name + n - k, suffix) == 0;
}

static void parse_file(const char *path, struct scalars *s) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, file);
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s: %s\n", path, parser.problem ? parser.problem : "parse error");
            exit(1);
        }
        int done = event.type == YAML_STREAM_END_EVENT;
        if (event.type == YAML_SCALAR_EVENT) keep(s, (const char *)event.data.scalar.value, event.data.scalar.length);
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    fclose(file);
}

static void walk(const char *dir, struct scalars *s) {
    DIR *d = opendir(dir);
    if (!d) { perror(dir); exit(1); }
    struct dirent *entry;
    char path[4096];
    while ((entry = readdir(d))) {
        if (entry->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        struct stat info;
        if (stat(path, &info) != 0) continue;
        if (S_ISDIR(info.st_mode)) walk(path, s);
        else if (has_suffix(entry->d_name, ".yaml") || has_suffix(entry->d_name, ".yml")) parse_file(path, s);
    }
    closedir(d);
}

static void emit(yaml_emitter_t *emitter, yaml_event_t *event) {
    if (!yaml_emitter_emit(emitter, event)) {
        fprintf(stderr, "emitter: %s\n", emitter->problem ? emitter->problem : "error");
        exit(1);
    }
}

static void scalar(yaml_emitter_t *emitter, const struct scalars *s, size_t index) {
    yaml_event_t event;
    yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)s->items[index], (int)s->lengths[index], 1, 1,
                                 YAML_ANY_SCALAR_STYLE);
    emit(emitter, &event);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s SPEC_DIR OUT_FILE BYTES\n", argv[0]);
        return 64;
    }
    struct scalars s = {0};
    walk(argv[1], &s);
    if (s.count < 2) { fprintf(stderr, "no scalars under %s\n", argv[1]); return 1; }
    long long target = atoll(argv[3]);
    FILE *out = fopen(argv[2], "wb");
    if (!out) { perror(argv[2]); return 1; }

    yaml_emitter_t emitter;
    yaml_emitter_initialize(&emitter);
    yaml_emitter_set_output_file(&emitter, out);
    yaml_emitter_set_unicode(&emitter, 1);
    yaml_emitter_set_width(&emitter, -1);
    yaml_emitter_set_indent(&emitter, 2);
    yaml_event_t event;
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    emit(&emitter, &event);
    yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1);
    emit(&emitter, &event);
    yaml_sequence_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
    emit(&emitter, &event);
    /* Mappings of 8 pairs; the emitter buffers, so check the file position after each flush. */
    size_t next = 0;
    while (ftell(out) + (long)emitter.buffer.pointer - (long)emitter.buffer.start < target) {
        yaml_mapping_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
        emit(&emitter, &event);
        for (int pair = 0; pair < 8; pair++) {
            scalar(&emitter, &s, next);
            scalar(&emitter, &s, (next + 1) % s.count);
            next = (next + 2) % s.count;
        }
        yaml_mapping_end_event_initialize(&event);
        emit(&emitter, &event);
    }
    yaml_sequence_end_event_initialize(&event);
    emit(&emitter, &event);
    yaml_document_end_event_initialize(&event, 1);
    emit(&emitter, &event);
    yaml_stream_end_event_initialize(&event);
    emit(&emitter, &event);
    yaml_emitter_flush(&emitter);
    yaml_emitter_delete(&emitter);
    fclose(out);
    return 0;
}

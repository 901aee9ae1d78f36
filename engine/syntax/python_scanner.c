// tree-sitter-python's external scanner (the npm package's src/scanner.c,
// included unchanged) behind three shims. The scanner is asked before most
// tokens (for newlines, indents and string delimiters), so what it costs per
// call counts.
//
// 1. Brackets. The scanner decides whether a line break sits inside brackets
//    from which closing bracket the parser could accept next; right after an
//    operator, an open bracket or a comma no closing bracket is acceptable, so
//    a continuation line indented less than the enclosing block, e.g.
//        if x:
//            total = (a *
//        b)
//    became a DEDENT and a syntax error, although Python's tokenizer ignores
//    indentation inside brackets (Parser/tokenizer.c: `tok->level`). In valid
//    Python a line break where neither NEWLINE nor DEDENT is acceptable can
//    only be inside brackets, so the shim tells the scanner so in that case; a
//    DEDENT the grammar accepts is untouched.
//
// 2. A lazy state. The parser restores the scanner's state (indent stack,
//    open string delimiters) before every call; the scanner's deserialize
//    frees both arrays and allocates the indent stack again each time. Here
//    deserialize only keeps a copy of the bytes, and the state is rebuilt, in
//    the arrays' existing memory, when the scanner actually runs (or is
//    serialized).
//
// 3. A quick "no". Most calls come before an ordinary token (a name, a
//    number, an operator, perhaps after spaces) where the scanner returns
//    false without touching its state. When the text ahead shows that (read
//    without moving the lexer: pitfall_ts_lexer_ahead, in
//    engine/syntax/tree_sitter_runtime.c), the shim answers false itself. The
//    cases are those of the scanner's own code below: not inside a string
//    (STRING_CONTENT not acceptable), no `{`/`}` where an escaped brace could
//    be, and after any spaces a character that starts neither a line end, a
//    comment, a line continuation, a string prefix nor a quote.
//
// 4. The lexer's fast paths inline (engine/syntax/ts_lexer_fast.h, the
//    functions the TSLexer's pointers hold): the scanner's
//    `lexer->advance(lexer, skip)`, `lexer->mark_end(lexer)` and
//    `lexer->eof(lexer)` become `lexer->lookahead * 0 + (fast path)`, an
//    expression of the same value (none for advance and mark_end) without the
//    indirect call. Only calls with the lexer's arguments expand: the
//    scanner's own one-argument advance(lexer) helper is left alone.
#include "ts_lexer_fast.h"  // first: tree-sitter's api.h before parser.h, as in the runtime
#define PITFALL_ADVANCE_PICK(a_, b_, which_, ...) which_
#define PITFALL_ADVANCE_1(lexer_) advance(lexer_)
#define PITFALL_ADVANCE_2(lexer_, skip_) lookahead * 0 + (pitfall_ts_lexer_advance(lexer_, skip_), 0)
#define advance(...) PITFALL_ADVANCE_PICK(__VA_ARGS__, PITFALL_ADVANCE_2, PITFALL_ADVANCE_1, _)(__VA_ARGS__)
#define mark_end(lexer_) lookahead * 0 + (pitfall_ts_lexer_mark_end(lexer_), 0)
#define eof(lexer_) lookahead * 0 + pitfall_ts_lexer_eof(lexer_)
#define tree_sitter_python_external_scanner_create pitfall_ts_python_create_unpatched
#define tree_sitter_python_external_scanner_destroy pitfall_ts_python_destroy_unpatched
#define tree_sitter_python_external_scanner_scan pitfall_ts_python_scan_unpatched
#define tree_sitter_python_external_scanner_serialize pitfall_ts_python_serialize_unpatched
#define tree_sitter_python_external_scanner_deserialize pitfall_ts_python_deserialize_unpatched
#include "scanner.c"
#undef tree_sitter_python_external_scanner_create
#undef tree_sitter_python_external_scanner_destroy
#undef tree_sitter_python_external_scanner_scan
#undef tree_sitter_python_external_scanner_serialize
#undef tree_sitter_python_external_scanner_deserialize
#undef advance
#undef mark_end
#undef eof

uint32_t pitfall_ts_lexer_ahead(const TSLexer *lexer, const uint8_t **bytes);

typedef struct {
    Scanner scanner;  // first: the unpatched functions take this object as their Scanner
    bool pending;     // the state bytes not yet loaded into `scanner`
    unsigned length;
    char *state;      // `small`, or `big` for a longer state
    char small[64];   // (a few indents and open strings: one allocation per parse stays small)
    char *big;
} LazyScanner;

void *tree_sitter_python_external_scanner_create() {
    LazyScanner *s = calloc(1, sizeof(LazyScanner));
    array_init(&s->scanner.indents);
    array_init(&s->scanner.delimiters);
    pitfall_ts_python_deserialize_unpatched(&s->scanner, NULL, 0);
    return s;
}

void tree_sitter_python_external_scanner_destroy(void *payload) {
    LazyScanner *s = (LazyScanner *)payload;
    array_delete(&s->scanner.indents);
    array_delete(&s->scanner.delimiters);
    free(s->big);
    free(s);
}

void tree_sitter_python_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
    LazyScanner *s = (LazyScanner *)payload;
    if (length > TREE_SITTER_SERIALIZATION_BUFFER_SIZE) length = TREE_SITTER_SERIALIZATION_BUFFER_SIZE;
    s->state = s->small;
    if (length > sizeof s->small) {
        if (!s->big) s->big = malloc(TREE_SITTER_SERIALIZATION_BUFFER_SIZE);
        if (!s->big) length = sizeof s->small;  // out of memory: as if the state were cut (never in practice)
        else s->state = s->big;
    }
    if (length > 0) memcpy(s->state, buffer, length);
    s->length = length;
    s->pending = true;
}

// The unpatched deserialize, without giving the arrays' memory back: same
// state (including leaving inside_interpolated_string alone for an empty one).
static void load(LazyScanner *s) {
    if (!s->pending) return;
    s->pending = false;
    Scanner *scanner = &s->scanner;
    const char *buffer = s->state;
    unsigned length = s->length;
    array_clear(&scanner->delimiters);
    array_clear(&scanner->indents);
    array_push(&scanner->indents, 0);
    if (length > 0) {
        size_t size = 0;
        scanner->inside_interpolated_string = (bool)buffer[size++];
        size_t delimiter_count = (uint8_t)buffer[size++];
        if (delimiter_count > 0) {
            array_reserve(&scanner->delimiters, delimiter_count);
            scanner->delimiters.size = delimiter_count;
            memcpy(scanner->delimiters.contents, &buffer[size], delimiter_count);
            size += delimiter_count;
        }
        for (; size + 1 < length; size += 2) {
            uint16_t indent_value = (unsigned char)buffer[size] | ((unsigned char)buffer[size + 1] << 8);
            array_push(&scanner->indents, indent_value);
        }
    }
}

unsigned tree_sitter_python_external_scanner_serialize(void *payload, char *buffer) {
    LazyScanner *s = (LazyScanner *)payload;
    load(s);
    return pitfall_ts_python_serialize_unpatched(&s->scanner, buffer);
}

// Whether the scanner, called here, would surely return false without
// changing its state (see 3. above; the branches are those of its scan).
static bool surely_nothing(const TSLexer *lexer, const bool *valid_symbols) {
    if (valid_symbols[STRING_CONTENT]) return false;
    const uint8_t *text;
    uint32_t n = pitfall_ts_lexer_ahead(lexer, &text);
    if (n == 0 || text[0] != lexer->lookahead) return false;
    if (valid_symbols[ESCAPE_INTERPOLATION] && (text[0] == '{' || text[0] == '}')) return false;
    uint32_t i = 0;
    while (i < n && text[i] == ' ') ++i;
    if (i == n) return false;
    switch (text[i]) {
        case '\n': case '\r': case '\f': case '\t': case '#': case '\\': case 0:
            return false;
        case '"': case '\'': case '`':
        case 'f': case 'F': case 't': case 'T': case 'r': case 'R': case 'b': case 'B': case 'u': case 'U':
            return !valid_symbols[STRING_START];
        default:
            return text[i] < 0x80;
    }
}

bool tree_sitter_python_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
    LazyScanner *s = (LazyScanner *)payload;
    if (surely_nothing(lexer, valid_symbols)) return false;
    load(s);
    if (valid_symbols[DEDENT] || valid_symbols[NEWLINE])
        return pitfall_ts_python_scan_unpatched(&s->scanner, lexer, valid_symbols);
    bool v[EXCEPT + 1];
    memcpy(v, valid_symbols, sizeof v);
    v[CLOSE_PAREN] = true;  // only read to decide "within brackets"
    return pitfall_ts_python_scan_unpatched(&s->scanner, lexer, v);
}

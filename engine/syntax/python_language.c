// The Python grammar with every parse state's row in one dense table.
//
// tree-sitter stores a grammar's first `large_state_count` parse states as
// dense rows (one entry per symbol: a lookup is an array read) and the rest
// (2 601 of Python's 2 786 states) compressed, as groups of symbols per value,
// which every lookup scans linearly (ts_language_lookup, language.h): the
// parser looks up the action for each token and the state after each
// reduction, and those scans were about 5 % of a parse. This copy of the
// grammar (tree_sitter_python()'s TSLanguage, every other table shared) has
// all states dense: 2 786 x 272 entries of 2 bytes, 1.5 MB, built once. Each
// lookup returns what the compressed table holds, so parses are the same. The
// one thing that reads the tables differently is the order in which
// ts_lookahead_iterator and queries list a state's symbols (by symbol id
// instead of by group); the parser itself never iterates them.
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tree_sitter/parser.h"

const TSLanguage *tree_sitter_python(void);

const TSLanguage *pitfall_ts_python_dense_language(void) {
    const TSLanguage *base = tree_sitter_python();
    if (base->large_state_count >= base->state_count) return base;
    TSLanguage *lang = malloc(sizeof *lang);
    uint16_t *table = calloc((size_t)base->state_count * base->symbol_count, sizeof(uint16_t));
    bool *seen = calloc(base->symbol_count, sizeof(bool));
    if (!lang || !table || !seen) {
        free(lang);
        free(table);
        free(seen);
        return base;
    }
    *lang = *base;
    memcpy(table, base->parse_table, (size_t)base->large_state_count * base->symbol_count * sizeof(uint16_t));
    for (uint32_t state = base->large_state_count; state < base->state_count; ++state) {
        uint16_t *row = table + (size_t)state * base->symbol_count;
        const uint16_t *data = &base->small_parse_table[base->small_parse_table_map[state - base->large_state_count]];
        uint16_t group_count = *(data++);
        memset(seen, 0, base->symbol_count * sizeof(bool));
        for (unsigned i = 0; i < group_count; i++) {
            uint16_t value = *(data++);
            uint16_t symbol_count = *(data++);
            for (unsigned j = 0; j < symbol_count; j++, data++)
                if (*data < base->symbol_count && !seen[*data]) {  // the first match wins, as in the scan
                    seen[*data] = true;
                    row[*data] = value;
                }
        }
    }
    free(seen);
    lang->parse_table = table;
    lang->large_state_count = base->state_count;
    return lang;
}

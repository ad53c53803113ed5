// bench_search_bare: the floor for qadex-search's in-process speed, a bare
// libxapian query loop (see bench/README.md, bench/search-bench).
//
//   bench_search_bare DB QUERIES.tsv [--depth N]
//
// Opens DB once, then for each "qid<TAB>query" line: QueryParser with the
// English stemmer (STEM_SOME, as quest and the indexer use), default flags
// and default operator (OR), no stopper; Enquire::get_mset(0, N) (default
// N = 10); reads the document data of every hit. No normalization,
// collapsing, snippets or output formatting. Prints "qid<TAB>ms<TAB>hits";
// the time covers parsing, matching and reading the documents.
//
// Exit 0 on success, 1 on a Xapian or I/O error, 2 on bad usage.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3 && !(argc == 5 && std::string(argv[3]) == "--depth")) {
        std::cerr << "Usage: bench_search_bare DB QUERIES.tsv [--depth N]\n";
        return 2;
    }
    const Xapian::doccount depth = argc == 5 ? static_cast<Xapian::doccount>(std::stoul(argv[4])) : 10;
    try {
        Xapian::Database db(argv[1]);
        std::ifstream in(argv[2]);
        if (!in) {
            std::cerr << "bench_search_bare: cannot open '" << argv[2] << "'\n";
            return 1;
        }
        Xapian::QueryParser parser;
        parser.set_database(db);
        parser.set_stemmer(Xapian::Stem("english"));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        Xapian::Enquire enquire(db);
        std::string line;
        std::size_t data_bytes = 0;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            auto tab = line.find('\t');
            if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
            const std::string qid = line.substr(0, tab);
            auto start = std::chrono::steady_clock::now();
            Xapian::Query query;
            try {
                query = parser.parse_query(line.substr(tab + 1));
            } catch (const Xapian::QueryParserError&) {
                query = parser.parse_query(line.substr(tab + 1), 0);
            }
            enquire.set_query(query);
            Xapian::MSet mset = enquire.get_mset(0, depth);
            for (auto it = mset.begin(); it != mset.end(); ++it) data_bytes += it.get_document().get_data().size();
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            std::printf("%s\t%.4f\t%u\n", qid.c_str(), ms, mset.size());
        }
        std::cerr << "read " << data_bytes << " bytes of document data\n";
        return 0;
    } catch (const Xapian::Error& e) {
        std::cerr << "bench_search_bare: " << e.get_description() << '\n';
        return 1;
    }
}

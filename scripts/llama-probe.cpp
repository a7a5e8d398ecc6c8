// llama-probe: reads what llama.cpp computes for a GGUF file, for InferScale's agreement tests.
// Built by scripts/llama-probe.sh against the cached llama.cpp build (scripts/llama-cpp.sh); our own code, not llama.cpp's.
//
//   llama-probe tokenize MODEL            reads text on stdin, prints the token ids (no BOS), space-separated
//   llama-probe tokenize-many MODEL       reads texts on stdin, each ended by a NUL byte; prints one line of ids per
//                                         text, tokenized as a prompt (add_special: BOS when the vocabulary asks for
//                                         it; special tokens in the text are not parsed)
//   llama-probe logits MODEL OUT.f32      reads token ids on stdin (space-separated), decodes them in one batch,
//                                         writes n_tokens x n_vocab float32 logits (little-endian) to OUT.f32,
//                                         prints "n_tokens n_vocab" on stdout
//   llama-probe logits-many MODEL OUT.f32 reads one sequence of token ids per line; decodes each in one batch in a
//                                         fresh KV cache and appends its n_tokens x n_vocab logits to OUT.f32;
//                                         prints "n_tokens n_vocab" per sequence
//   llama-probe greedy MODEL MAX_TOKENS   reads one prompt of token ids per line; for each, decodes greedily (arg-max,
//                                         lowest id on ties) until an end-of-generation token (included), MAX_TOKENS
//                                         tokens, or prompt + generated tokens reaching the model's training context;
//                                         prints the generated ids, one line per prompt
//
// Every context keeps its KV cache in float32 (as InferScale's engine does; llama.cpp's default is F16), turns flash
// attention off (on CPU it casts K and V to F16 even from a float32 cache), and runs on $INFERSCALE_PROBE_THREADS
// threads (default 1). INFERSCALE_PROBE_LOG=1 shows llama.cpp's log (why a load failed).
#include "llama.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

static void quiet(ggml_log_level, const char *, void *) {}

static int fail(const std::string & message) {
    std::fprintf(stderr, "llama-probe: %s\n", message.c_str());
    return 2;
}

static std::vector<std::vector<llama_token>> read_lines_of_ids() {
    std::vector<std::vector<llama_token>> sequences;
    for (std::string line; std::getline(std::cin, line);) {
        std::istringstream in(line);
        std::vector<llama_token> ids;
        for (long t; in >> t;) ids.push_back((llama_token) t);
        if (!ids.empty()) sequences.push_back(ids);
    }
    return sequences;
}

static llama_context * make_context(llama_model * model, int n_ctx, int n_batch) {
    llama_context_params cparams = llama_context_default_params();
    const char * threads = std::getenv("INFERSCALE_PROBE_THREADS");
    const int n_threads = threads && std::atoi(threads) > 0 ? std::atoi(threads) : 1;
    cparams.n_ctx = n_ctx;
    cparams.n_batch = n_batch;
    cparams.n_ubatch = n_batch;
    cparams.n_seq_max = 1;
    cparams.n_threads = n_threads;
    cparams.n_threads_batch = n_threads;
    cparams.type_k = GGML_TYPE_F32;
    cparams.type_v = GGML_TYPE_F32;
    cparams.no_perf = true;
    // llama.cpp's flash attention casts K and V to F16 even from an F32 cache (about 4e-4 relative on the logits).
    cparams.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_DISABLED;
    return llama_init_from_model(model, cparams);
}

// Decodes tokens at positions start.. in one batch; logits for every row when all_logits, else for the last only.
static bool decode(llama_context * ctx, const llama_token * tokens, int n, int start, bool all_logits) {
    llama_batch batch = llama_batch_init(n, 0, 1);
    for (int i = 0; i < n; i++) {
        batch.token[i] = tokens[i];
        batch.pos[i] = start + i;
        batch.n_seq_id[i] = 1;
        batch.seq_id[i][0] = 0;
        batch.logits[i] = all_logits || i == n - 1;
    }
    batch.n_tokens = n;
    const bool ok = llama_decode(ctx, batch) == 0;
    llama_batch_free(batch);
    return ok;
}

static int tokenize_many(const llama_vocab * vocab) {
    std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    size_t start = 0;
    std::vector<llama_token> ids;
    while (start < all.size()) {
        size_t end = all.find('\0', start);
        if (end == std::string::npos) end = all.size();
        const int length = (int) (end - start);
        ids.resize(length + 16);
        int n = llama_tokenize(vocab, all.data() + start, length, ids.data(), (int32_t) ids.size(), true, false);
        if (n < 0) {
            ids.resize(-n);
            n = llama_tokenize(vocab, all.data() + start, length, ids.data(), (int32_t) ids.size(), true, false);
        }
        if (n < 0) return fail("tokenize: buffer too small");
        for (int i = 0; i < n; i++) std::printf(i ? " %d" : "%d", ids[i]);
        std::printf("\n");
        start = end + 1;
    }
    return 0;
}

static int logits_many(llama_model * model, const llama_vocab * vocab, const char * path, bool one_sequence) {
    std::vector<std::vector<llama_token>> sequences;
    if (one_sequence) {
        std::vector<llama_token> tokens;
        for (long t; std::cin >> t;) tokens.push_back((llama_token) t);
        if (!tokens.empty()) sequences.push_back(tokens);
    } else {
        sequences = read_lines_of_ids();
    }
    if (sequences.empty()) return fail("no token ids on stdin");
    int longest = 0;
    for (const auto & s : sequences) longest = std::max(longest, (int) s.size());
    llama_context * ctx = make_context(model, longest, longest);
    if (!ctx) return fail("cannot create a context");
    const int n_vocab = llama_vocab_n_tokens(vocab);
    FILE * out = std::fopen(path, "wb");
    if (!out) return fail(std::string("cannot write ") + path);
    for (const auto & s : sequences) {
        llama_memory_clear(llama_get_memory(ctx), true);
        const int n = (int) s.size();
        if (!decode(ctx, s.data(), n, 0, true)) return fail("llama_decode failed");
        for (int i = 0; i < n; i++) {
            const float * logits = llama_get_logits_ith(ctx, i);
            if (!logits || std::fwrite(logits, sizeof(float), n_vocab, out) != (size_t) n_vocab) return fail("cannot read or write logits");
        }
        std::printf("%d %d\n", n, n_vocab);
    }
    std::fclose(out);
    llama_free(ctx);
    return 0;
}

static int greedy(llama_model * model, const llama_vocab * vocab, int max_tokens) {
    const auto prompts = read_lines_of_ids();
    const int n_ctx = llama_model_n_ctx_train(model);
    const int n_vocab = llama_vocab_n_tokens(vocab);
    llama_context * ctx = make_context(model, n_ctx, n_ctx);
    if (!ctx) return fail("cannot create a context");
    for (const auto & prompt : prompts) {
        llama_memory_clear(llama_get_memory(ctx), true);
        const int n_prompt = (int) prompt.size();
        if (n_prompt >= n_ctx) return fail("a prompt does not fit the model's context");
        if (!decode(ctx, prompt.data(), n_prompt, 0, false)) return fail("llama_decode failed");
        std::vector<llama_token> generated;
        while (true) {
            const float * logits = llama_get_logits_ith(ctx, -1);
            if (!logits) return fail("cannot read logits");
            llama_token best = 0;
            for (llama_token t = 1; t < n_vocab; t++)
                if (logits[t] > logits[best]) best = t;
            generated.push_back(best);
            if (llama_vocab_is_eog(vocab, best) || (int) generated.size() >= max_tokens || n_prompt + (int) generated.size() >= n_ctx) break;
            if (!decode(ctx, &best, 1, n_prompt + (int) generated.size() - 1, false)) return fail("llama_decode failed");
        }
        for (size_t i = 0; i < generated.size(); i++) std::printf(i ? " %d" : "%d", generated[i]);
        std::printf("\n");
    }
    llama_free(ctx);
    return 0;
}

int main(int argc, char ** argv) {
    if (argc < 3) return fail("usage: llama-probe tokenize|tokenize-many MODEL | logits|logits-many MODEL OUT.f32 | greedy MODEL MAX_TOKENS");
    const std::string mode = argv[1];
    const char * log = std::getenv("INFERSCALE_PROBE_LOG");
    if (!log || std::strcmp(log, "1") != 0) llama_log_set(quiet, nullptr);
    llama_backend_init();
    llama_model_params mparams = llama_model_default_params();
    llama_model * model = llama_model_load_from_file(argv[2], mparams);
    if (!model) return fail(std::string("cannot load ") + argv[2] + " (INFERSCALE_PROBE_LOG=1 shows llama.cpp's reason)");
    const llama_vocab * vocab = llama_model_get_vocab(model);

    int rc;
    if (mode == "tokenize") {
        std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        std::vector<llama_token> ids(text.size() + 16);
        int n = llama_tokenize(vocab, text.data(), (int32_t) text.size(), ids.data(), (int32_t) ids.size(), false, false);
        if (n < 0) return fail("tokenize: buffer too small");
        for (int i = 0; i < n; i++) std::printf(i ? " %d" : "%d", ids[i]);
        std::printf("\n");
        rc = 0;
    } else if (mode == "tokenize-many") {
        rc = tokenize_many(vocab);
    } else if ((mode == "logits" || mode == "logits-many") && argc >= 4) {
        rc = logits_many(model, vocab, argv[3], mode == "logits");
    } else if (mode == "greedy" && argc >= 4 && std::atoi(argv[3]) > 0) {
        rc = greedy(model, vocab, std::atoi(argv[3]));
    } else {
        return fail("unknown mode or missing argument; use tokenize, tokenize-many, logits, logits-many or greedy");
    }
    llama_model_free(model);
    return rc;
}

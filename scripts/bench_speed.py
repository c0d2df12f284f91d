"""Speed and memory of the matcher at 1k, 10k and 100k synthetic vacancies.

Reproduce: .venv/bin/python -m scripts.bench_speed [--sizes 1000,10000,100000] [--queries 50]

Corpus vectors beyond the first --distinct vacancies are real encodings of those reused
with small seeded noise (encoding 100k texts on 2 cores takes ~30 min); every query is
encoded for real, inside the timed call.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

import numpy as np

from matching.encoders import DEFAULT_ENCODER, Encoder, load_encoder
from matching.ranker import Matcher, Vocabulary
from matching.skills import SkillVocabulary
from matching.types import SeekerProfile, VacancyDoc
from models.enums import EmploymentType, Region
from scripts.bench_esco import load_vocabulary
from scripts.ranking_metrics import machine_info

# The service's own value lists, in their declared order (the synthetic data depends on it).
REGIONS = [region.value for region in Region]
TYPES = [kind.value for kind in EmploymentType]
JOBS = [
    ("Швея", ["оверлок", "пошив", "трикотаж"]),
    ("Тигүүчү", ["тигүү", "оверлок"]),
    ("Водитель такси", ["вождение", "категория B"]),
    ("Айдоочу", ["айдоо", "B категориясы"]),
    ("Повар", ["кулинария", "выпечка"]),
    ("Ашпозчу", ["тамак жасоо", "нан бышыруу"]),
    ("Продавец-кассир", ["касса", "1С", "продажи"]),
    ("Сатуучу", ["сатуу", "касса"]),
    ("Бухгалтер", ["1С", "налоги", "Excel"]),
    ("Software developer", ["python", "sql"]),
    ("Охранник", ["охрана", "видеонаблюдение"]),
    ("Мугалим", ["окутуу", "англис тили"]),
    ("Медсестра", ["уколы", "уход"]),
    ("Строитель", ["кладка", "штукатурка"]),
    ("Call-centre operator", ["customer service", "english"]),
    ("Официант", ["сервис"]),
]
WORDS = [
    *[
        "опыт",
        "работы",
        "график",
        "оплата",
        "своевременно",
        "обучение",
        "коллектив",
        "дружный",
        "тажрыйба",
    ],
    *[
        "айлык",
        "убактылуу",
        "жумуш",
        "shift",
        "salary",
        "team",
        "training",
        "город",
        "район",
        "цех",
        "магазин",
        "кафе",
    ],
]


def vacancies(n: int, seed: int) -> list[VacancyDoc]:
    """Return n deterministic synthetic vacancies."""
    rng = random.Random(seed)  # nosec B311  # seeded, reproducible data; no secret
    out = []
    for i in range(n):
        title, skills = rng.choice(JOBS)
        low = rng.randrange(10, 60) * 1000
        out.append(
            VacancyDoc(
                id=f"v{i}",
                title=f"{title} {rng.choice(WORDS)}",
                description=" ".join(rng.choices(WORDS, k=rng.randrange(15, 40))),
                skills=tuple(rng.sample(skills, k=rng.randrange(1, len(skills) + 1))),
                region=rng.choice(REGIONS),
                remote=rng.random() < 0.05,
                employment_type=rng.choice(TYPES),
                salary_min=low,
                salary_max=low + 10000,
                languages=tuple(rng.sample(["ky", "ru", "en"], k=rng.randrange(1, 3))),
            )
        )
    return out


def seekers(n: int, seed: int) -> list[SeekerProfile]:
    """Return n deterministic synthetic seekers."""
    rng = random.Random(seed)  # nosec B311  # seeded, reproducible data; no secret
    out = []
    for i in range(n):
        title, skills = rng.choice(JOBS)
        out.append(
            SeekerProfile(
                id=f"s{i}",
                desired_position=title.lower(),
                skills=tuple(rng.sample(skills, k=rng.randrange(1, len(skills) + 1))),
                experience=" ".join(rng.choices(WORDS, k=rng.randrange(0, 8))),
                region=rng.choice(REGIONS),
                employment_types=(rng.choice(TYPES),),
                salary_expectation=rng.randrange(10, 50) * 1000,
                languages=("ky", "ru"),
            )
        )
    return out


def timed(call: Callable[[], object], repeat: int) -> np.ndarray:
    """Return the wall times (ms) of repeated calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return np.array(times)


def measure(
    size: int,
    base: np.ndarray,
    rng: np.random.Generator,
    queries: list[SeekerProfile],
    encoder: Encoder,
    vocabulary: Vocabulary | None,
) -> str:
    """Return one table row for a corpus of the given size."""
    docs = vacancies(size, seed=4)
    vectors = base[rng.integers(0, len(base), size=size)]
    vectors = vectors + rng.normal(0, 0.02, size=vectors.shape).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    matcher = Matcher(encoder, vocabulary=vocabulary, skills=SkillVocabulary.default())
    for start in range(0, size, 10000):
        matcher.upsert_vacancies(docs[start : start + 10000], vectors[start : start + 10000])
    matcher.rank_vacancies(queries[0], 20)
    cycle = iter(queries)
    rank = timed(lambda: matcher.rank_vacancies(next(cycle), 20), len(queries))
    query = base[0]
    raw_topk = timed(lambda: np.argpartition(-(vectors @ query), 20)[:20], len(queries))
    texts = iter([Matcher.seeker_text(q) for q in queries])
    single = timed(lambda: encoder.encode([next(texts)]), len(queries))
    # The bar's baseline: encode the seeker's text, then a numpy top-k over the matrix.
    texts = iter([Matcher.seeker_text(q) for q in queries])
    baseline = timed(
        lambda: np.argpartition(-(vectors @ encoder.encode([next(texts)])[0]), 20)[:20],
        len(queries),
    )
    # What the projected scan costs in quality: the share of the exact top `pool` that the
    # index's search returns (1.0 below the size where it scans a projection).
    index = matcher._vacancy_index()
    pool = matcher.pool
    recall = []
    for vector in matcher.encode_seekers(queries):
        found = set(index.ids(index.search(vector, pool)[0]))
        exact = np.argpartition(-(index.matrix @ vector), pool)[:pool]
        recall.append(len(found & set(index.ids(exact))) / pool)
    memory = matcher.memory()
    ratio = memory["index"] / memory["matrix"]
    ratio_p95 = np.percentile(rank, 95) / np.percentile(baseline, 95)
    return (
        f"| {size:,} | {np.percentile(rank, 50):.1f} | {np.percentile(rank, 95):.1f} | "
        f"{np.percentile(baseline, 50):.1f} / {np.percentile(baseline, 95):.1f} | "
        f"**{ratio_p95:.2f}** | "
        f"{np.percentile(raw_topk, 50):.1f} / {np.percentile(raw_topk, 95):.1f} | "
        f"{np.percentile(single, 50):.1f} / {np.percentile(single, 95):.1f} | "
        f"{memory['index'] / 2**20:.1f} | {memory['matrix'] / 2**20:.1f} | {ratio:.3f} | "
        f"{memory['lexical'] / 2**20:.0f} | {np.mean(recall):.4f} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--distinct", type=int, default=2000)
    parser.add_argument("--encoder", default=DEFAULT_ENCODER)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    encoder = load_encoder(args.encoder)
    vocabulary = load_vocabulary()
    print(f"# Speed: encoder {encoder.name}\nmachine: {machine_info()}\n")

    # Bulk re-index against the raw encoder on the same texts (both include the titles).
    bulk = vacancies(args.distinct, seed=1)
    encoder.encode(["warm up"])
    texts = [Matcher.vacancy_text(d) for d in bulk] + [d.title for d in bulk]
    raw_s = timed(lambda: encoder.encode(texts), 1)[0] / 1000
    matcher = Matcher(encoder, vocabulary=vocabulary, skills=SkillVocabulary.default())
    index_s = timed(lambda: matcher.upsert_vacancies(bulk), 1)[0] / 1000
    base = matcher.encode_vacancies(bulk)
    print("| bulk re-index | docs/s | ratio to raw encoder |\n| --- | --- | --- |")
    print(f"| raw encoder (text + title) | {len(bulk) / raw_s:.0f} | 1.00 |")
    print(f"| Matcher.upsert_vacancies | {len(bulk) / index_s:.0f} | {raw_s / index_s:.2f} |\n")

    queries = seekers(args.queries, seed=2)
    print(
        "| vacancies | rank p50 ms | rank p95 ms | encode + top-k p50 / p95 ms | "
        "rank p95 ÷ encode + top-k p95 | numpy top-k p50 / p95 ms | "
        "encoder 1 text p50 / p95 ms | index MB | raw matrix MB | ratio | lexical MB | "
        "pool recall |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    rng = np.random.default_rng(3)
    for size in sizes:
        print(measure(size, base, rng, queries, encoder, vocabulary), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

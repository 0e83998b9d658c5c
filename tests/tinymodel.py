"""Build tiny but REAL Argos Translate packages for tests (and bigger ones for the benchmark).

The model is a genuine CTranslate2 Transformer with seeded random weights and the
tokenizer is a genuine SentencePiece model (or a subword-nmt BPE codes file) trained on
the fixture sentences below, so tests exercise real loading, batching, decoding,
attention and detokenization. Random weights translate nonsense: tests assert mechanics
(counts, shapes, lengths, caching), never wording.

Random weights may also never emit `</s>`. `eos_bias` adds a constant to the `</s>` logit
of the output projection so that decoding ends after a sensible number of steps; the
benchmark calibrates it, tests keep lengths small with the engine's own caps.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Our own fixture text (written for these tests, not copied from anywhere): short news-like
# sentences in Arabic and English so SentencePiece sees both scripts.
ARABIC_SENTENCES = [
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة.",
    "قال المتحدث باسم الحكومة إن المحادثات ستستأنف الأسبوع المقبل.",
    "ارتفعت أسعار القمح في الأسواق المحلية بسبب الجفاف.",
    "شارك آلاف الطلاب في معرض الكتاب السنوي بالعاصمة.",
    "وصل وفد رسمي إلى بيروت لبحث التعاون الاقتصادي بين البلدين.",
    "أكد الرئيس أن الانتخابات ستجري في موعدها المحدد.",
    "سجلت محطات الأرصاد درجات حرارة قياسية هذا الصيف.",
    "افتتح المهرجان السينمائي أبوابه أمام الجمهور مساء الخميس.",
    "تعمل البلدية على إصلاح الطرق المتضررة من الأمطار الغزيرة.",
    "قالت الشركة إن أرباحها نمت بنسبة عشرة في المئة خلال الربع الأول.",
    "دعا الأمين العام للأمم المتحدة إلى وقف فوري لإطلاق النار.",
    "فاز المنتخب الوطني على منافسه بهدفين مقابل هدف واحد.",
    "أطلقت الجامعة برنامجا جديدا لتدريب المهندسين الشباب.",
    "حذرت السلطات من عاصفة رملية قد تضرب المنطقة غدا.",
    "وقع الطرفان اتفاقية لتطوير ميناء العقبة وتوسيع قدرته.",
    "ذكرت وكالة الأنباء أن الوزير سيزور القاهرة ودمشق وعمان.",
    "انخفض معدل البطالة للمرة الأولى منذ ثلاث سنوات، وفق التقرير.",
    "تستعد المدارس لاستقبال التلاميذ مع بداية العام الدراسي؛ وتوزيع الكتب.",
    "قال شهود عيان: إن الحريق اندلع في مستودع قرب المطار.",
    "ناقش البرلمان مشروع قانون جديد بشأن حماية البيئة والمياه.",
    "يعاني المزارعون من نقص في مياه الري منذ أشهر.",
    "استقبل الملك سفير اليابان وبحث معه العلاقات الثنائية.",
    "أعادت الحكومة فتح المعبر الحدودي أمام حركة الشاحنات.",
    "أظهرت دراسة حديثة أن القراءة اليومية تحسن الذاكرة.",
    "سيشارك فريق من العلماء العرب في مؤتمر دولي عن الطاقة الشمسية.",
]
ENGLISH_SENTENCES = [
    "The health ministry announced the opening of a new hospital in the city today.",
    "A government spokesman said the talks would resume next week.",
    "Wheat prices rose in local markets because of the drought.",
    "Thousands of students took part in the annual book fair in the capital.",
    "An official delegation arrived in Beirut to discuss economic cooperation.",
    "The president stressed that the elections would be held on schedule.",
    "Weather stations recorded record temperatures this summer.",
    "The film festival opened its doors to the public on Thursday evening.",
    "The municipality is repairing roads damaged by heavy rain.",
    "The company said its profits grew by ten percent in the first quarter.",
    "The UN Secretary-General called for an immediate ceasefire.",
    "The national team beat its rival by two goals to one.",
    "The university launched a new programme to train young engineers.",
    "Authorities warned of a sandstorm that could hit the region tomorrow.",
    "The two sides signed an agreement to develop the port of Aqaba.",
    "The news agency reported that the minister will visit Cairo, Damascus and Amman.",
    "Unemployment fell for the first time in three years, according to the report.",
    "Schools are getting ready to welcome pupils at the start of the school year.",
    "Witnesses said the fire broke out in a warehouse near the airport.",
    "Parliament debated a new bill on protecting the environment and water.",
    "Farmers have suffered from a shortage of irrigation water for months.",
    "The king received the ambassador of Japan and discussed bilateral relations.",
    "The government reopened the border crossing to truck traffic.",
    "A recent study showed that daily reading improves memory.",
    "A team of Arab scientists will take part in an international conference on solar energy.",
]


@dataclass(frozen=True)
class ModelShape:
    """Transformer size. The default is tiny (fast tests); `BASE` is Argos' real size."""

    layers: tuple[int, int] = (1, 1)
    d_model: int = 32
    heads: int = 2
    ffn: int = 64


BASE = ModelShape(layers=(6, 6), d_model=512, heads=8, ffn=2048)


def train_sentencepiece(out_file: Path, vocab_size: int = 400, extra_text: list[str] = ()) -> list[str]:
    """Train a SentencePiece model on the fixture text (plus `extra_text`); return its
    pieces, which become the model vocabulary."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(ARABIC_SENTENCES + ENGLISH_SENTENCES + list(extra_text)),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        num_threads=1,
        minloglevel=2,
    )
    Path(out_file).write_bytes(model.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def write_bpe_codes(out_file: Path) -> list[str]:
    """Write a small subword-nmt codes file (`bpe.model`); return a vocabulary covering it.

    The vocabulary holds every character of the fixture text (with and without the `@@`
    continuation mark), the merged pairs and the special tokens, so Moses-tokenized and
    BPE-segmented fixture text maps to known tokens.
    """
    merges = [("ا", "ل"), ("ال", "م"), ("t", "h"), ("th", "e</w>"), ("i", "n"), ("e", "r")]
    lines = ["#version: 0.2"] + [f"{a} {b}" for a, b in merges]
    Path(out_file).write_text("\n".join(lines) + "\n", encoding="utf-8")
    chars = sorted(set("".join(ARABIC_SENTENCES + ENGLISH_SENTENCES)) - {" "})
    merged = ["ال", "الم", "th", "the", "in", "er"]
    vocab = ["<unk>", "<s>", "</s>"]
    for tok in chars + merged:
        vocab += [tok, tok + "@@"]
    return list(dict.fromkeys(vocab))


def build_ct2_model(
    out_dir: Path,
    vocabulary: list[str],
    *,
    shape: ModelShape = ModelShape(),
    seed: int = 0,
    eos_bias: float = 0.0,
    length_alpha: float | None = None,
    quantization: str = "int8",
) -> Path:
    """Save a CTranslate2 Transformer with seeded random weights into `out_dir`.

    `length_alpha` wires a length controller into the random model (see
    `_wire_length_control`) so it ends its output after about `k × alpha` steps for a
    source of k pieces; the benchmark calibrates alpha. Without it, random weights loop
    until the decoding cap.
    """
    import numpy as np
    from ctranslate2.specs import TransformerSpec, model_spec

    rng = np.random.default_rng(seed)
    spec = TransformerSpec.from_config(shape.layers, shape.heads)
    d, v, f = shape.d_model, len(vocabulary), shape.ffn

    def weight_shape(name: str) -> tuple[int, ...]:
        parts = name.split("/")
        leaf, layer = parts[-1], parts[-2]
        if leaf in ("gamma", "beta"):
            return (d,)
        if layer.startswith("embeddings") or layer == "projection":
            return (v, d)
        block = parts[-3] if len(parts) >= 3 else ""
        if block == "ffn":
            return (f, d) if layer == "linear_0" else (d, f)
        if block == "self_attention":
            return (3 * d, d) if layer == "linear_0" else (d, d)
        if block == "attention":  # encoder-decoder attention: q, fused kv, out
            return {"linear_0": (d, d), "linear_1": (2 * d, d), "linear_2": (d, d)}[layer]
        raise ValueError(f"unexpected weight {name}")

    def fill(layer_spec, name, value):
        if value is not None:
            return
        leaf = name.split("/")[-1]
        dims = weight_shape(name)
        if leaf == "gamma":
            array = np.ones(dims, dtype=np.float32)
        elif leaf == "beta":
            array = np.zeros(dims, dtype=np.float32)
        else:
            array = rng.normal(0.0, 1.0 / np.sqrt(dims[-1]), size=dims).astype(np.float32)
        setattr(layer_spec, leaf, array)

    model_spec.visit_spec(spec, fill)
    bias = np.zeros(v, dtype=np.float32)
    bias[vocabulary.index("</s>")] = eos_bias
    spec.decoder.projection.bias = bias
    if length_alpha is not None:
        _wire_length_control(spec, shape, vocabulary.index("</s>"), length_alpha)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=quantization)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    return out_dir


POSITIONS = 1024
RAMP = 100.0


def _wire_length_control(
    spec, shape: ModelShape, eos: int, alpha: float, sharpness: float = 1000.0, gain: float = 50.0
) -> None:
    """Make `</s>` win once the decoder position passes about alpha × (source length).

    Five residual dimensions are reserved and kept out of reach of every random sublayer
    (their embedding columns and the sublayers' output rows are zero):
    - in the encoder, `k_enc` carries a ramp s/100 of the source position (learned
      position table, otherwise sinusoidal) and `k_enc0` stays 0, so after the final
      layer norm their difference is (s/100)/std: the mean the norm subtracts cancels;
    - one decoder cross-attention head with zero queries attends uniformly over the
      source and copies the mean of that difference into `k_src`: a value that grows
      with the source length;
    - in the decoder, `k_dec` carries a ramp t/100 of the output position and `k_dec0`
      stays 0.
    The final norms amplify the reserved dims (`gain`) so int8 activation quantization
    does not round the ramps away. The `</s>` row of the output projection reads
    sharpness × [(x_dec − x_dec0) − alpha × (x_src − x_dec0)] ∝ t/100 − alpha × source
    signal, so `</s>` is impossible before the threshold and certain after it. The
    last head does the copying, so the attention CTranslate2 returns (first head) stays
    random.
    """
    import numpy as np

    d, heads = shape.d_model, shape.heads
    dh = d // heads
    k_dec, k_enc, k_src, k_enc0, k_dec0 = d - 1, d - 2, d - 3, d - 4, d - 5
    reserved = [k_dec, k_enc, k_src, k_enc0, k_dec0]

    def table(ramp_dim: int) -> np.ndarray:
        pos = np.arange(POSITIONS)[:, None]
        i = np.arange(d // 2)[None, :]
        angle = pos / np.power(10000.0, 2 * i / d)
        pe = np.zeros((POSITIONS, d), dtype=np.float32)
        pe[:, 0::2], pe[:, 1::2] = np.sin(angle), np.cos(angle)
        pe[:, reserved] = 0.0
        pe[:, ramp_dim] = np.arange(POSITIONS) / RAMP
        return pe

    def quiet(weight: np.ndarray) -> None:
        weight[reserved, :] = 0.0

    spec.encoder.position_encodings.encodings = table(k_enc)
    spec.decoder.position_encodings.encodings = table(k_dec)
    spec.encoder.embeddings[0].weight[:, reserved] = 0.0
    spec.decoder.embeddings.weight[:, reserved] = 0.0
    for layer in spec.encoder.layer:
        quiet(layer.self_attention.linear[1].weight)
        quiet(layer.ffn.linear_1.weight)
    for layer in spec.decoder.layer:
        quiet(layer.self_attention.linear[1].weight)
        quiet(layer.attention.linear[2].weight)
        quiet(layer.ffn.linear_1.weight)
    last = spec.decoder.layer[-1].attention
    h = heads - 1
    last.linear[0].weight[h * dh : (h + 1) * dh, :] = 0.0  # zero queries: uniform attention
    value_row = d + h * dh  # fused [keys; values]: first value dim of head h
    last.linear[1].weight[value_row, :] = 0.0
    last.linear[1].weight[value_row, k_enc] = 1.0
    last.linear[1].weight[value_row, k_enc0] = -1.0
    last.linear[2].weight[:, h * dh] = 0.0
    last.linear[2].weight[k_src, h * dh] = 1.0
    # Amplify the reserved dims after the final norms: int8 inference quantizes each
    # activation row to 127 levels of its largest value, which would otherwise round
    # the small ramps away in a deep random network.
    spec.encoder.layer_norm.gamma[[k_enc, k_enc0]] = gain
    spec.decoder.layer_norm.gamma[[k_dec, k_dec0, k_src]] = gain
    projection = spec.decoder.projection.weight
    projection[eos, :] = 0.0
    projection[eos, k_dec] = sharpness
    projection[eos, k_src] = -sharpness * alpha
    projection[eos, k_dec0] = -sharpness * (1.0 - alpha)


def build_package(
    root: Path,
    *,
    name: str = "translate-ar_en-test",
    from_code: str = "ar",
    to_code: str = "en",
    version: str = "1.0",
    tokenizer: str = "sentencepiece",
    target_prefix: str = "",
    shape: ModelShape = ModelShape(),
    seed: int = 0,
    eos_bias: float = 0.0,
    length_alpha: float | None = None,
    vocab_size: int = 400,
    extra_text: list[str] = (),
    pad_vocab_to: int = 0,
) -> Path:
    """Build an unpacked Argos package directory `root/name` and return it.

    `pad_vocab_to` appends unused tokens to the model vocabulary (not to SentencePiece)
    so the output projection has a realistic size (Argos models use ~32-50k pieces).
    """
    pkg = Path(root) / name
    if pkg.exists():
        shutil.rmtree(pkg)
    pkg.mkdir(parents=True)
    if tokenizer == "sentencepiece":
        vocab = train_sentencepiece(pkg / "sentencepiece.model", vocab_size, extra_text)
    elif tokenizer == "bpe":
        vocab = write_bpe_codes(pkg / "bpe.model")
    else:
        raise ValueError(tokenizer)
    if target_prefix and target_prefix not in vocab:
        vocab.append(target_prefix)
    vocab += [f"<extra_{i}>" for i in range(pad_vocab_to - len(vocab))]
    build_ct2_model(pkg / "model", vocab, shape=shape, seed=seed, eos_bias=eos_bias, length_alpha=length_alpha)
    metadata = {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": from_code,
        "from_name": "Arabic" if from_code == "ar" else from_code,
        "to_code": to_code,
        "to_name": "English" if to_code == "en" else to_code,
        "type": "translate",
        "code": f"translate-{from_code}_{to_code}",
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    (pkg / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    (pkg / "README.md").write_text("Tiny random-weight test package.\n", encoding="utf-8")
    return pkg


def zip_package(pkg_dir: Path, out_file: Path) -> Path:
    """Zip a package directory into an `.argosmodel` (one top folder, as Argos ships them)."""
    pkg_dir = Path(pkg_dir)
    with zipfile.ZipFile(out_file, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(pkg_dir.rglob("*")):
            arcname = f"{pkg_dir.name}/{path.relative_to(pkg_dir).as_posix()}"
            if path.is_dir():
                zf.writestr(arcname + "/", b"")
            else:
                zf.write(path, arcname)
    return Path(out_file)


def write_zip(out_file: Path, members: dict[str, bytes]) -> Path:
    """Write an arbitrary zip (for the validation tests: traversal, missing files...)."""
    with zipfile.ZipFile(out_file, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return Path(out_file)

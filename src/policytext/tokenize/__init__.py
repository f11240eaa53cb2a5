"""Tokenizers behind one interface: jieba for Chinese, Kiwi or konlpy for Korean, routed by script."""

from policytext.tokenize.base import Token, Tokenizer
from policytext.tokenize.registry import KOREAN_BACKENDS, get_tokenizer, tokenize_text

__all__ = ["KOREAN_BACKENDS", "Token", "Tokenizer", "get_tokenizer", "tokenize_text"]

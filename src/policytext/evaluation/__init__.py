"""Accuracy against gold data that was not used for training (segmentation now; NER and topics later)."""

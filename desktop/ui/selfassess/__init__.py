"""The "Tự đánh giá" tab (Ctrl+0): ``tab`` and its ``parts`` (the score table, the
report's free texts, the rounds).
"""

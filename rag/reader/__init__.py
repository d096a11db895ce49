"""The reader's stages, one module each (rag/compose.py conducts them):

- candidates.py  the sentences that may support an answer, best first
- people.py    names in a sentence and the title chains before them
- persons.py   whom a question and a sentence are about; a reader's title holder
- rules.py     the rule extractors, one per question type
- model.py     the trained span reader as a candidate source
- verify.py    checks every candidate span passes, whichever reader found it
- sentence.py  the candidate sentence, extraction and citation types
- dialog.py    follow-ups: elliptical turns rewritten, picks from the previous list
- articles.py  requests for reports: every article that mentions a topic
- points.py    key points of one article
"""

"""Questions pasted as text in the Aiken format, the plain format Moodle and most quiz tools read:

    Quel est le rôle d'un texte alternatif ?
    A. Décorer l'image
    B. Décrire l'image à qui ne la voit pas
    C. Améliorer le référencement seulement
    ANSWER: B
    EXPLICATION : Les lecteurs d'écran lisent le texte alternatif à voix haute.

One question per block, blocks separated by a blank line. The question may span several lines; its
answers are lines "A. …" or "A) …" (letters in order); "ANSWER:" (or "RÉPONSE :") gives the correct
letter, or several separated by commas for a multiple-choice question. Two extensions for the
association's trainers: an optional "EXPLICATION :" (or "EXPLANATION:") line after the answer, and
a question whose two answers are "Vrai" and "Faux" becomes a true/false question.

``parse()`` is a pure function: it returns the questions it read and, for everything it could not
read, French messages with the line number, so an editor can fix the text before anything is saved.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import QuestionKind

CHOICE_LINE = re.compile(r"^([A-Za-z])\s*[.)]\s+(.+)$")
ANSWER_LINE = re.compile(r"^(?:ANSWER|R[ÉE]PONSES?)\s*:\s*(.*)$", re.IGNORECASE)
EXPLANATION_LINE = re.compile(r"^(?:EXPLICATION|EXPLANATION)\s*:\s*(.*)$", re.IGNORECASE)
TRUE_FALSE = {"vrai", "faux"}
MAX_QUESTIONS = 100
MAX_QUESTION_LENGTH = 2000
MAX_CHOICE_LENGTH = 300


@dataclass
class ParsedQuestion:
    line: int
    text: str
    kind: str
    choices: list = field(default_factory=list)  # [(text, is_correct)]
    explanation: str = ""

    @property
    def kind_label(self):
        return QuestionKind(self.kind).label


@dataclass
class ParseError:
    line: int
    message: str


def _blocks(text):
    """(first line number, [lines]) of each block of non-blank lines."""
    block, start = [], None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            if block:
                yield start, block
            block, start = [], None
            continue
        if start is None:
            start = number
        block.append((number, line))
    if block:
        yield start, block


def _parse_block(start, lines):
    """A ParsedQuestion, or the list of ParseErrors of this block."""
    question_lines, choices, answer, explanation, errors = [], [], None, "", []
    for number, line in lines:
        choice = CHOICE_LINE.match(line)
        answer_match = ANSWER_LINE.match(line)
        explanation_match = EXPLANATION_LINE.match(line)
        if answer_match:
            if answer is not None:
                errors.append(ParseError(number, _("This question has a second “ANSWER:” line.")))
            answer = (number, answer_match.group(1).strip())
        elif explanation_match:
            if answer is None:
                errors.append(ParseError(number, _("Put the “EXPLICATION :” line after the “ANSWER:” line.")))
            explanation = explanation_match.group(1).strip()
        elif answer is not None:
            errors.append(
                ParseError(
                    number,
                    _("Leave a blank line after “ANSWER:” before the next question."),
                )
            )
        elif choice and (choices or question_lines):
            letter = choice.group(1).upper()
            expected = chr(ord("A") + len(choices))
            if letter != expected:
                errors.append(
                    ParseError(
                        number,
                        _("Answer %(letter)s comes where %(expected)s was expected.")
                        % {"letter": letter, "expected": expected},
                    )
                )
            text = choice.group(2).strip()
            if len(text) > MAX_CHOICE_LENGTH:
                errors.append(
                    ParseError(number, _("This answer is longer than %(max)s characters.") % {"max": MAX_CHOICE_LENGTH})
                )
            choices.append((letter, text))
        elif choices:
            errors.append(ParseError(number, _("This line is neither an answer (“A. …”) nor the “ANSWER:” line.")))
        else:
            question_lines.append(line)

    text = " ".join(question_lines)
    if not text:
        errors.append(ParseError(start, _("The question’s text is missing before its answers.")))
    elif len(text) > MAX_QUESTION_LENGTH:
        errors.append(
            ParseError(start, _("This question is longer than %(max)s characters.") % {"max": MAX_QUESTION_LENGTH})
        )
    if len(choices) < 2:
        errors.append(ParseError(start, _("A question needs at least two answers, written “A. …”, “B. …”.")))
    if answer is None:
        errors.append(ParseError(lines[-1][0], _("The “ANSWER:” line giving the correct letter is missing.")))
    if errors:
        return errors

    answer_line, answer_text = answer
    letters = [part.strip().upper() for part in re.split(r"[,;\s]+", answer_text) if part.strip()]
    known = {letter for letter, _text in choices}
    unknown = [letter for letter in letters if letter not in known]
    if not letters or unknown:
        return [
            ParseError(
                answer_line,
                _("“ANSWER:” must give the letter of an answer above (%(letters)s).")
                % {"letters": ", ".join(sorted(known))},
            )
        ]
    correct = set(letters)
    is_true_false = len(choices) == 2 and {text.lower().rstrip(".") for _letter, text in choices} == TRUE_FALSE
    if len(correct) > 1:
        kind = QuestionKind.MULTIPLE
    elif is_true_false:
        kind = QuestionKind.TRUE_FALSE
    else:
        kind = QuestionKind.SINGLE
    return ParsedQuestion(
        line=start,
        text=text,
        kind=kind,
        choices=[(text, letter in correct) for letter, text in choices],
        explanation=explanation,
    )


def parse(text):
    """(questions, errors) read from ``text``; nothing is valid unless ``errors`` is empty."""
    questions, errors = [], []
    for start, lines in _blocks(text or ""):
        result = _parse_block(start, lines)
        if isinstance(result, ParsedQuestion):
            questions.append(result)
        else:
            errors.extend(result)
    if not questions and not errors:
        errors.append(ParseError(1, _("Paste at least one question.")))
    if len(questions) > MAX_QUESTIONS:
        errors.append(ParseError(1, _("Import at most %(max)s questions at a time.") % {"max": MAX_QUESTIONS}))
    return questions, sorted(errors, key=lambda error: error.line)

"""The CeDS workbook: an assessment as an Excel file to fill offline, and reading it back.

Plain Python with openpyxl. The workbook has an instructions sheet, one sheet per domain with
locked structure and dropdowns, a hidden sheet of dropdown lists and a hidden sheet that says
which framework version and assessment it belongs to. Reading checks the file before trusting
it (size, zip bomb, structure, formulas, merged cells) and reports every problem by sheet and
cell; nothing is saved unless the whole file is right.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from wego.core.cells import set_value
from wego.core.i18n import translate
from wego.diagnostic.domain.answers import AnswerError, AnswerValue, check_comment, parse_answer
from wego.diagnostic.domain.framework import Framework, Question, QuestionType

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_ENTRIES = 200
META_SHEET = "_wego"
LISTS_SHEET = "_lists"
FIRST_ROW = 3  # row 1: title, row 2: column headings
COLUMNS = ("code", "question", "answer", "comment", "allowed")
ANSWER_COLUMN, COMMENT_COLUMN = "C", "D"
NOT_APPLICABLE = "n/a"
LOCK_PASSWORD = "wego"  # structure protection against accidents, not a secret


@dataclass
class Labels:
    """Words the workbook shows, already in the reader's language (the web layer translates)."""

    instructions_title: str = "How to fill in this workbook"
    instructions: list[str] = field(
        default_factory=lambda: [
            "Answer in the yellow cells of column C; use the dropdown where there is one.",
            "Add a comment or the source of an answer in column D if you wish.",
            "Type n/a where a question does not apply to your city, if the question allows it.",
            "Do not add, move or delete rows or sheets: the platform reads the file by position.",
            "Upload the file on the assessment page; you will see what changes before it is saved.",
        ]
    )
    headings: tuple = ("Code", "Question", "Your answer", "Comment or source", "Possible answers")
    yes: str = "Yes"
    no: str = "No"
    level_hint: str = "A level from 0 to 4:"
    percentage_hint: str = "A percentage from 0 to 100"
    number_hint: str = "A number"
    text_hint: str = "Free text"
    evidence_hint: str = "A link to a document or web page"
    not_applicable_hint: str = "or n/a if it does not apply"
    framework: str = "Framework"


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    cell: str
    message: str
    code: str = ""  # message code, for the web layer's translation
    params: dict = field(default_factory=dict)

    def __str__(self):
        where = f"{self.sheet}, cell {self.cell}" if self.cell else self.sheet
        return f"{where}: {self.message}"


@dataclass
class ReadResult:
    answers: dict[str, tuple[AnswerValue, str]]  # code -> (answer, comment)
    problems: list[CellProblem]


class WorkbookRejected(ValueError):
    """The file is not a CeDS workbook that can be read at all."""

    def __init__(self, problems: list[CellProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def sheet_title(domain) -> str:
    return domain.code  # short, stable and the same in every language


# ---------------------------------------------------------------------------------------------
# Writing


def write_workbook(
    framework: Framework,
    answers: dict[str, tuple[AnswerValue, str]],
    *,
    language: str,
    assessment_id: int,
    title: str,
    labels: Labels,
    applies=lambda question: True,
) -> bytes:
    book = Workbook()
    rtl = language == "ar"
    _instructions(book.active, framework, title, labels, language, rtl)
    lists = book.create_sheet(LISTS_SHEET)
    list_ranges = _dropdown_lists(lists, framework, labels, language)
    for domain in framework.domains:
        sheet = book.create_sheet(sheet_title(domain))
        sheet.sheet_view.rightToLeft = rtl
        _domain_sheet(sheet, framework, domain, answers, labels, language, list_ranges, applies)
    meta = book.create_sheet(META_SHEET)
    _metadata(meta, framework, assessment_id, language)
    lists.sheet_state = meta.sheet_state = "veryHidden"
    book.security.workbookPassword = LOCK_PASSWORD
    book.security.lockStructure = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _instructions(sheet, framework, title, labels, language, rtl):
    sheet.title = "README"
    sheet.sheet_view.rightToLeft = rtl
    set_value(sheet["A1"], title).font = Font(bold=True, size=14)
    set_value(
        sheet["A2"],
        f"{labels.framework}: {translate(framework.header.title, language)} {framework.version}",
    )
    set_value(sheet["A4"], labels.instructions_title).font = Font(bold=True)
    for offset, line in enumerate(labels.instructions):
        set_value(sheet.cell(row=5 + offset, column=1), f"{offset + 1}. {line}")
    row = 6 + len(labels.instructions)
    for domain in framework.domains:
        set_value(
            sheet.cell(row=row, column=1), f"{domain.code}: {translate(domain.title, language)}"
        )
        row += 1
    sheet.column_dimensions["A"].width = 110
    sheet.protection.sheet = True
    sheet.protection.password = LOCK_PASSWORD


def _allowed_lists(framework, labels, language) -> dict[str, list[str]]:
    """Every list of allowed answers by key, in the order of the lists sheet's columns."""
    lists = {"yes-no": [labels.yes, labels.no], "level": ["0", "1", "2", "3", "4"]}
    for question in (q for _d, _i, q in framework.questions()):
        if question.type == QuestionType.CHOICE:
            lists[_list_key(question)] = [
                translate(c.label, language) for c in framework.choices_of(question)
            ]
    return lists


def _list_column(position: int, with_na: bool = False) -> int:
    """The lists sheet's column of the list at `position` (from 0), without or with n/a."""
    return position * 2 + 1 + int(with_na)


def _dropdown_lists(sheet, framework, labels, language) -> dict[str, str]:
    """One column per list of allowed answers; returns {list key: absolute range}."""
    lists = _allowed_lists(framework, labels, language)
    ranges = {}
    for position, (key, values) in enumerate(lists.items()):
        for with_na in (False, True):
            col = _list_column(position, with_na)
            items = [*values, NOT_APPLICABLE] if with_na else values
            for row, value in enumerate(items, start=1):
                set_value(sheet.cell(row=row, column=col), value)
            letter = get_column_letter(col)
            name = f"{key}|na" if with_na else key
            ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(items)}"
    return ranges


def _list_key(question: Question) -> str | None:
    if question.type == QuestionType.YES_NO:
        return "yes-no"
    if question.type == QuestionType.LEVEL:
        return "level"
    if question.type == QuestionType.CHOICE:
        return f"choice:{question.scale or question.code}"
    return None


HEAD_FILL = PatternFill("solid", fgColor="073F78")
ANSWER_FILL = PatternFill("solid", fgColor="FFF4C2")
INDICATOR_FILL = PatternFill("solid", fgColor="E8EEF6")
WRAP = Alignment(wrap_text=True, vertical="top")


def _domain_sheet(sheet, framework, domain, answers, labels, language, list_ranges, applies):
    set_value(sheet["A1"], f"{domain.code}: {translate(domain.title, language)}")
    sheet["A1"].font = Font(bold=True, size=13)
    for column, heading in enumerate(labels.headings, start=1):
        cell = set_value(sheet.cell(row=2, column=column), heading)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEAD_FILL
    validations: dict[str, DataValidation] = {}
    row = FIRST_ROW
    for indicator in domain.indicators:
        for question in indicator.questions:
            answer, comment = answers.get(question.code, (None, ""))
            # Every cell through set_value: answers, comments and even the framework's own
            # texts may start like a formula, and must stay text.
            set_value(sheet.cell(row=row, column=1), question.code)
            text = f"{translate(indicator.title, language)}\n{translate(question.text, language)}"
            set_value(sheet.cell(row=row, column=2), text).alignment = WRAP
            shown = _cell_value(framework, question, answer, labels, language)
            answer_cell = set_value(sheet.cell(row=row, column=3), shown)
            comment_cell = set_value(sheet.cell(row=row, column=4), comment or None)
            allowed = _allowed_text(framework, question, labels, language)
            set_value(sheet.cell(row=row, column=5), allowed).alignment = WRAP
            if applies(question):
                for cell in (answer_cell, comment_cell):
                    cell.protection = Protection(locked=False)
                    cell.alignment = WRAP
                answer_cell.fill = ANSWER_FILL
                _validate_cell(sheet, question, answer_cell, list_ranges, validations)
            else:
                answer_cell.fill = INDICATOR_FILL
            row += 1
    for letter, width in zip("ABCDE", (9, 70, 24, 36, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C3"
    sheet.protection.sheet = True
    sheet.protection.password = LOCK_PASSWORD
    sheet.protection.formatColumns = False  # people may widen columns
    sheet.protection.formatRows = False


def _validate_cell(sheet, question, cell, list_ranges, validations):
    key = _list_key(question)
    if key:
        name = f"{key}|na" if question.allow_not_applicable else key
        if name not in validations:
            validation = DataValidation(type="list", formula1=list_ranges[name], allow_blank=True)
            validation.error = "Choose a value from the list."
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
            validations[name] = validation
        validations[name].add(cell.coordinate)
    elif question.type == QuestionType.PERCENTAGE and not question.allow_not_applicable:
        name = "percentage"
        if name not in validations:
            validation = DataValidation(
                type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
            )
            validation.error = "Enter a percentage from 0 to 100."
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
            validations[name] = validation
        validations[name].add(cell.coordinate)


def _cell_value(framework, question, answer, labels, language):
    if answer is None:
        return None
    if answer.not_applicable:
        return NOT_APPLICABLE
    value = answer.value
    if value is None:
        return None
    if question.type == QuestionType.YES_NO:
        return labels.yes if value else labels.no
    if question.type == QuestionType.LEVEL:
        return str(value)
    if question.type == QuestionType.CHOICE:
        for choice in framework.choices_of(question):
            if choice.code == value:
                return translate(choice.label, language)
    return value


def _allowed_text(framework, question, labels, language) -> str:
    kind = question.type
    if kind == QuestionType.LEVEL:
        levels = framework.levels_of(question)
        text = (
            labels.level_hint
            + "\n"
            + "\n".join(f"{n}: {translate(levels[n], language)}" for n in range(5))
        )
    elif kind == QuestionType.YES_NO:
        text = f"{labels.yes} / {labels.no}"
    elif kind == QuestionType.CHOICE:
        text = "\n".join(translate(c.label, language) for c in framework.choices_of(question))
    elif kind == QuestionType.PERCENTAGE:
        text = labels.percentage_hint
    elif kind == QuestionType.NUMBER:
        unit = translate(question.unit, language)
        text = f"{labels.number_hint} ({unit})" if unit else labels.number_hint
    elif kind == QuestionType.EVIDENCE:
        text = labels.evidence_hint
    else:
        text = labels.text_hint
    if question.allow_not_applicable:
        text += f"\n{labels.not_applicable_hint}"
    return text


def _metadata(sheet, framework, assessment_id, language):
    rows = [
        ("format", "wego-ceds-workbook/1"),
        ("framework", framework.code),
        ("version", framework.version),
        ("checksum", framework.checksum),
        ("assessment", assessment_id),
        ("language", language),  # B6, read back first
        ("structure", framework.structure),
    ]
    for row, (key, value) in enumerate(rows, start=1):
        set_value(sheet.cell(row=row, column=1), key)
        set_value(sheet.cell(row=row, column=2), value)
    sheet.protection.sheet = True
    sheet.protection.password = LOCK_PASSWORD


# ---------------------------------------------------------------------------------------------
# Reading


def size_problem(size: int) -> CellProblem:
    megabytes, limit = -(-size // (1024 * 1024)), MAX_UPLOAD_BYTES // (1024 * 1024)
    return CellProblem(
        "file",
        "",
        f"is too large ({megabytes} MB; at most {limit} MB)",
        "too-large",
        {"size": megabytes, "limit": limit},
    )


def check_container(data: bytes) -> None:
    """Refuse what is not a small, honest xlsx before openpyxl ever parses it."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise WorkbookRejected([size_problem(len(data))])
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookRejected(
            [CellProblem("file", "", "is not an Excel workbook (.xlsx)", "not-xlsx")]
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise WorkbookRejected(
                [CellProblem("file", "", "has too many parts to be a CeDS workbook", "zip-bomb")]
            )
        total = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries) or 1
        if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
            raise WorkbookRejected(
                [
                    CellProblem(
                        "file",
                        "",
                        "unpacks to far more data than a CeDS workbook (a zip bomb?)",
                        "zip-bomb",
                    )
                ]
            )
        names = {entry.filename for entry in entries}
        if "xl/workbook.xml" not in names:
            raise WorkbookRejected(
                [CellProblem("file", "", "is not an Excel workbook (.xlsx)", "not-xlsx")]
            )


def read_workbook(
    data: bytes,
    framework: Framework,
    *,
    assessment_id: int,
    labels_by_language: dict[str, Labels],
    applies=lambda question: True,
) -> ReadResult:
    check_container(data)
    try:
        book = load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise WorkbookRejected(
            [
                CellProblem(
                    "file",
                    "",
                    f"cannot be read as a workbook ({type(error).__name__})",
                    "unreadable",
                )
            ]
        ) from None
    _check_metadata(book, framework, assessment_id)
    language = str(book[META_SHEET]["B6"].value or "en")
    labels = labels_by_language.get(language) or labels_by_language.get("en") or Labels()
    problems: list[CellProblem] = []
    answers: dict[str, tuple[AnswerValue, str]] = {}
    choice_words = _choice_words(framework, book)
    for domain in framework.domains:
        title = sheet_title(domain)
        if title not in book.sheetnames:
            problems.append(
                CellProblem(title, "", "sheet is missing", "sheet-missing", {"sheet": title})
            )
            continue
        sheet = book[title]
        for merged in sheet.merged_cells.ranges:
            problems.append(
                CellProblem(
                    title, str(merged), "merged cells are not allowed; unmerge them", "merged"
                )
            )
        row = FIRST_ROW
        for indicator in domain.indicators:
            for question in indicator.questions:
                found = sheet[f"A{row}"].value
                if found != question.code:
                    problems.append(
                        CellProblem(
                            title,
                            f"A{row}",
                            f"expected question {question.code} but found "
                            f"{found or 'nothing'}: rows must not be added, moved or deleted",
                            "structure",
                            {"expected": question.code, "found": found or ""},
                        )
                    )
                    row += 1
                    continue
                answer_cell, comment_cell = (
                    sheet[f"{ANSWER_COLUMN}{row}"],
                    sheet[f"{COMMENT_COLUMN}{row}"],
                )
                # A formula is refused; text that merely starts with "=" (a string cell, as
                # the workbook writes a comment such as "=HYPERLINK(...)") is text.
                for cell in (answer_cell, comment_cell):
                    if cell.data_type == "f":
                        problems.append(
                            CellProblem(
                                title,
                                cell.coordinate,
                                "contains a formula; type the value instead",
                                "formula",
                            )
                        )
                comment = "" if comment_cell.value is None else str(comment_cell.value).strip()
                raw = _normalise(question, answer_cell.value, labels, choice_words)
                if not applies(question):
                    row += 1
                    continue
                try:
                    answer = parse_answer(framework, question, raw)
                except AnswerError as error:
                    problems.append(_answer_problem(title, answer_cell, question, error))
                    answer = None
                try:
                    check_comment(comment)
                except AnswerError as error:
                    problems.append(_answer_problem(title, comment_cell, question, error))
                    answer = None
                if answer is not None:
                    answers[question.code] = (answer, comment)
                row += 1
        extra = sheet[f"A{row}"].value
        if extra not in (None, ""):
            problems.append(
                CellProblem(
                    title, f"A{row}", "rows were added below the last question", "extra-rows"
                )
            )
    return ReadResult(answers, problems)


def _answer_problem(title, cell, question, error: AnswerError) -> CellProblem:
    return CellProblem(
        title,
        cell.coordinate,
        f"{question.code} {error}",
        "answer",
        {"question": question.code, "error": error},
    )


def _check_metadata(book, framework, assessment_id):
    if META_SHEET not in book.sheetnames:
        raise WorkbookRejected(
            [
                CellProblem(
                    "file", "", "is not a CeDS workbook downloaded from the platform", "not-ours"
                )
            ]
        )
    meta = {
        row[0].value: row[1].value
        for row in book[META_SHEET].iter_rows(min_row=1, max_row=10, max_col=2)
    }
    if meta.get("format") != "wego-ceds-workbook/1":
        raise WorkbookRejected(
            [
                CellProblem(
                    "file", "", "is not a CeDS workbook downloaded from the platform", "not-ours"
                )
            ]
        )
    if meta.get("framework") != framework.code or str(meta.get("version")) != framework.version:
        raise WorkbookRejected(
            [
                CellProblem(
                    "file",
                    "",
                    f"is for framework {meta.get('framework')} {meta.get('version')}, not "
                    f"{framework.code} {framework.version}",
                    "other-framework",
                    {
                        "found": f"{meta.get('framework')} {meta.get('version')}",
                        "expected": f"{framework.code} {framework.version}",
                    },
                )
            ]
        )
    # The full checksum changes with every better wording, which a used version may take: what
    # must match is the structure. A workbook made before it was written (no "structure" row)
    # belongs to this assessment, whose version cannot change its structure while used.
    structure = meta.get("structure")
    if structure is not None and structure != framework.structure:
        raise WorkbookRejected(
            [
                CellProblem(
                    "file",
                    "",
                    f"was made from another edition of {framework.code} {framework.version}: "
                    "its questions or scales differ",
                    "other-structure",
                )
            ]
        )
    if str(meta.get("assessment")) != str(assessment_id):
        raise WorkbookRejected(
            [
                CellProblem(
                    "file",
                    "",
                    "was downloaded for another assessment; download this assessment's workbook",
                    "other-assessment",
                )
            ]
        )


def _choice_words(framework, book) -> dict[str, dict[str, str]]:
    """For each choice question, every label in every language -> choice code, and the labels
    the workbook's own dropdowns offered: chosen before a wording update, they still read."""
    words = {}
    offered = _offered_labels(framework, book)
    for _d, _i, question in framework.questions():
        if question.type == QuestionType.CHOICE:
            words[question.code] = {
                label.strip().lower(): choice.code
                for choice in framework.choices_of(question)
                for label in choice.label.values()
            } | offered.get(_list_key(question), {})
    return words


def _offered_labels(framework, book) -> dict[str, dict[str, str]]:
    """{list key: {label the workbook's lists sheet holds: choice code}}, by position (the
    structure, checked before, keeps the choices and their order)."""
    if LISTS_SHEET not in book.sheetnames:
        return {}
    sheet, offered = book[LISTS_SHEET], {}
    for position, key in enumerate(_allowed_lists(framework, Labels(), "en")):
        if not key.startswith("choice:"):
            continue
        question = next(q for _d, _i, q in framework.questions() if _list_key(q) == key)
        column = _list_column(position)
        offered[key] = {
            str(label).strip().lower(): choice.code
            for row, choice in enumerate(framework.choices_of(question), start=1)
            if (label := sheet.cell(row=row, column=column).value) not in (None, "")
        }
    return offered


def _normalise(question, value, labels, choice_words):
    """A cell value as the answer parser expects it (labels back to codes, 3.0 to 3)."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if question.type == QuestionType.YES_NO:
            if text.lower() == labels.yes.lower():
                return "yes"
            if text.lower() == labels.no.lower():
                return "no"
        if question.type == QuestionType.CHOICE:
            return choice_words[question.code].get(text.lower(), text)
        return text
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and question.type == QuestionType.LEVEL and value.is_integer():
        return int(value)
    return value

"""The council's minutes (Biên bản họp Hội đồng Thi đua - Khen thưởng): who attended, and the vote on
each nomination it reviewed. Layout of Decree 30/2020."""

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as DocumentType
from sqlmodel import Session, col, select

from thidua.awards.models import AwardType, CouncilMeeting, Nomination
from thidua.awards.rounds.service import get_round
from thidua.awards.subjects import subject_names
from thidua.awards.texts import COMMUNE, PLACE, period_phrase
from thidua.documents import decree30


@dataclass(frozen=True)
class VoteLine:
    name: str
    unit_name: str
    award_name: str
    votes_for: int
    votes_cast: int
    share: str
    eligibility: str


def _vote_line(session: Session, n: Nomination) -> VoteLine:
    t = session.get(AwardType, n.award_type_id)
    name, unit_name = subject_names(session, n.unit_id, n.staff_id)
    failed = [o["reason"] for o in n.eligibility.get("outcomes", []) if not o["passed"]]
    return VoteLine(
        name=name,
        unit_name=unit_name,
        award_name=t.name if t else n.award_type_code,
        votes_for=n.votes_for or 0,
        votes_cast=n.votes_cast or 0,
        share=decree30.vn_number((n.votes_for or 0) * 100 / (n.votes_cast or 1), 2),
        eligibility="Đạt" if not failed else "Chưa đạt: " + " ".join(failed),
    )


def minutes(session: Session, m: CouncilMeeting) -> bytes:
    reviewed = session.exec(
        select(Nomination).where(Nomination.meeting_id == m.id).order_by(col(Nomination.id))
    )
    rnd = get_round(session, m.round_id)
    return minutes_docx(
        period=period_phrase(rnd.kind, rnd.school_years),
        meeting=m,
        votes=[_vote_line(session, n) for n in reviewed],
    )


def _votes_table(doc: DocumentType, votes: Sequence[VoteLine]) -> None:
    decree30.table(
        doc,
        ["STT", "Tập thể / Cá nhân", "Đơn vị", "Hình thức", "Đồng ý / Biểu quyết", "Tỷ lệ", "Điều kiện"],
        [
            [
                n,
                v.name,
                v.unit_name,
                v.award_name,
                f"{v.votes_for}/{v.votes_cast}",
                f"{v.share}%",
                v.eligibility,
            ]
            for n, v in enumerate(votes, 1)
        ],
        size=11,
    )


def minutes_docx(*, period: str, meeting: CouncilMeeting, votes: Sequence[VoteLine]) -> bytes:
    m = meeting
    head = decree30.Letterhead(
        issuing_body=("UBND XÃ THANH THỦY", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"),
        number_line="Số:      /BB-HĐTĐKT",
        place=PLACE,
        issued_on=m.held_on,
        kind="BIÊN BẢN",
        title=decree30.without_doubled_words(
            f"Họp Hội đồng Thi đua - Khen thưởng xã xét khen thưởng {period}"
        ),
        recipients=["- Thành viên Hội đồng;", "- Lưu: VT, VHXH."],
        authority=("CHỦ TỊCH HỘI ĐỒNG",),
        signer=m.chair,
        # The secretary signs the minutes beside the chair (blank name line when none was recorded).
        cosigner=(("THƯ KÝ",), m.secretary),
    )

    def body(doc: DocumentType) -> None:
        present = f"{len(m.members_present)}/{m.members_total} ({', '.join(m.members_present)})"
        decree30.paragraph(
            doc,
            decree30.without_doubled_words(
                f"Hôm nay, ngày {m.held_on:%d/%m/%Y}, tại {m.location or 'trụ sở UBND ' + COMMUNE}, "
                f"Hội đồng Thi đua - Khen thưởng {COMMUNE} họp xét khen thưởng {period}."
            ),
            first_line_indent=10,
        )
        decree30.paragraph(doc, f"Chủ trì: {m.chair}. Thư ký: {m.secretary or '—'}.", first_line_indent=10)
        decree30.paragraph(
            doc,
            f"Thành viên có mặt: {present}.",
            first_line_indent=10,
        )
        decree30.paragraph(doc, "Kết quả biểu quyết:", bold=True)
        _votes_table(doc, votes)
        if m.notes:
            decree30.paragraph(doc, "Ý kiến khác:", bold=True)
            for line in m.notes.splitlines():
                if line.strip():
                    decree30.paragraph(doc, line.strip(), first_line_indent=10)
        decree30.paragraph(
            doc, "Biên bản kết thúc cùng ngày, đã thông qua trước Hội đồng./.", first_line_indent=10
        )

    return decree30.build(head, body)

"""Who sees the stories and result publications and what they may do with them.

Both belong to the commune, not to a unit: whoever holds `stories.read` reads every story, drafts
included, and `stories.write` edits them; `results.publish` reads and withdraws the publications.
What anonymous readers see of them is decided in public/access.py.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.core.errors import NotFound
from thidua.stories.models import ResultPublication, Story


def readable_stories() -> SelectOfScalar[Story]:
    return select(Story)


def get_readable_story(session: Session, story_id: int) -> Story:
    story = session.get(Story, story_id)
    if story is None:
        raise NotFound(f"Không tìm thấy bài viết có id {story_id}.")
    return story


def story_actions(actor: Actor, story: Story) -> list[str]:
    if not actor.can(Permission.stories_write):
        return []
    if story.status == "published":
        return ["update", "unpublish", "add_image"]
    return ["update", "delete", "publish", "add_image"]


def readable_publications() -> SelectOfScalar[ResultPublication]:
    return select(ResultPublication)


def get_readable_publication(session: Session, publication_id: int) -> ResultPublication:
    publication = session.get(ResultPublication, publication_id)
    if publication is None:
        raise NotFound(f"Không tìm thấy lần công khai kết quả có id {publication_id}.")
    return publication


def publication_actions(actor: Actor) -> list[str]:
    return ["withdraw"] if actor.can(Permission.results_publish) else []

"""Who sees the stories and result publications and what they may do with them.

Both belong to the commune, not to a unit: whoever holds `stories.read` reads every story, drafts
included, and `stories.write` edits them; `results.publish` reads and withdraws the publications.
What anonymous readers see of them is decided in public/access.py.
"""

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped
from thidua.auth.roles import Permission
from thidua.core.errors import NotFound
from thidua.frameworks.models import Framework
from thidua.stories.models import ResultPublication, Story


def readable_stories(actor: Actor) -> SelectOfScalar[Story]:
    return commune_scoped(select(Story), Story.commune_id, actor)


def get_readable_story(session: Session, actor: Actor, story_id: int) -> Story:
    story = session.exec(readable_stories(actor).where(Story.id == story_id)).first()
    if story is None:
        raise NotFound(f"Không tìm thấy bài viết có id {story_id}.")
    return story


def story_actions(actor: Actor, story: Story) -> list[str]:
    if not actor.can(Permission.stories_write):
        return []
    if story.status == "published":
        return ["update", "unpublish", "add_image"]
    return ["update", "delete", "publish", "add_image"]


def readable_publications(actor: Actor) -> SelectOfScalar[ResultPublication]:
    """Publications of the commune's frameworks (its own commune's, behind a wall)."""
    if actor.commune_id is None:
        return select(ResultPublication)
    mine = select(Framework.id).where(Framework.commune_id == actor.commune_id)
    return select(ResultPublication).where(col(ResultPublication.framework_id).in_(mine))


def get_readable_publication(session: Session, actor: Actor, publication_id: int) -> ResultPublication:
    query = readable_publications(actor).where(ResultPublication.id == publication_id)
    publication = session.exec(query).first()
    if publication is None:
        raise NotFound(f"Không tìm thấy lần công khai kết quả có id {publication_id}.")
    return publication


def publication_actions(actor: Actor) -> list[str]:
    return ["withdraw"] if actor.can(Permission.results_publish) else []

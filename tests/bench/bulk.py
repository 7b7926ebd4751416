"""Bulk creation of Wagtail pages, for large data sets (the benchmark) and the query-count tests.

``Page.add_child`` costs several queries per page (path lookup, parent update, revision, search
index). Here a few thousand pages of one parent go in a handful of INSERTs: the treebeard paths are
computed the way ``MP_Node`` does, the ``wagtailcore_page`` rows are bulk-created, then the rows of the
specific model's own table. Pages are created live, without revisions, and are not added to the search
index (``index=True`` indexes them afterwards, one by one).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page


def bulk_add_children(parent, instances, batch_size=500, published_at=None, index=False):
    """Insert the unsaved page ``instances`` (any page models) as the last children of ``parent``.

    Returns the instances, saved (primary keys set). Each instance needs at least a title and a slug
    unique among its siblings.
    """
    if not instances:
        return []
    parent = Page.objects.get(pk=parent.pk)
    last_child = parent.get_last_child()
    step = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
    now = published_at or timezone.now()
    depth = parent.depth + 1
    for instance in instances:
        step += 1
        instance.path = Page._get_path(parent.path, depth, step)
        instance.depth = depth
        instance.numchild = 0
        instance.url_path = f"{parent.url_path}{instance.slug}/"
        instance.content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
        instance.locale_id = parent.locale_id
        instance.live = True
        instance.has_unpublished_changes = False
        instance.draft_title = instance.title
        instance.first_published_at = instance.first_published_at or now
        instance.last_published_at = instance.last_published_at or instance.first_published_at
        instance.live_revision = None
        instance.latest_revision = None

    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    db = router.db_for_write(Page)
    with transaction.atomic(using=db):
        for start in range(0, len(instances), batch_size):
            batch = instances[start : start + batch_size]
            rows = [Page(**{field.attname: getattr(obj, field.attname) for field in page_fields}) for obj in batch]
            Page.objects.using(db).bulk_create(rows)
            for obj, row in zip(batch, rows, strict=True):
                obj.pk = obj.id = row.pk
                obj.page_ptr_id = row.pk
        _insert_specific_rows(instances, db, batch_size)
        Page.objects.using(db).filter(pk=parent.pk).update(numchild=F("numchild") + len(instances))
    for instance in instances:
        instance._state.adding = False
        instance._state.db = db
    if index:
        from wagtail.search.index import insert_or_update_object

        for instance in instances:
            insert_or_update_object(instance)
    return instances


def _insert_specific_rows(instances, db, batch_size):
    """Insert the rows of every table between Page and each instance's model (multi-table inheritance)."""
    by_model = {}
    for instance in instances:
        by_model.setdefault(type(instance), []).append(instance)
    for model, objs in by_model.items():
        # Parents from the nearest concrete table below Page down to the model itself.
        chain = [parent for parent in reversed(model._meta.get_parent_list()) if parent is not Page]
        for table_model in [*chain, model]:
            if table_model._meta.abstract or table_model is Page:
                continue
            fields = table_model._meta.local_concrete_fields
            for obj in objs:
                for field in fields:
                    if field.primary_key:
                        setattr(obj, field.attname, obj.pk)
            for start in range(0, len(objs), batch_size):
                table_model._base_manager.using(db)._insert(objs[start : start + batch_size], fields=fields, using=db)


def vacuum_analyze(alias="default"):
    """Refresh the planner's statistics after a bulk load (ANALYZE on both SQLite and PostgreSQL)."""
    with connections[alias].cursor() as cursor:
        cursor.execute("ANALYZE")

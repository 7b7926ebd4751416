"""Who may do what on a course, beyond Wagtail's page permissions."""

from wagtail.models import PagePermissionTester


class CoursePermissionTester(PagePermissionTester):
    """Anyone who may edit a course may reorder its steps.

    Wagtail ties reordering sub-pages to the publish permission because the new order is live at once.
    For a course that is the syllabus, which trainers build; they may edit the course but not publish it
    (publishing goes through moderation), so reordering follows the right to edit instead.
    """

    def can_reorder_children(self):
        return super().can_reorder_children() or self.can_edit()


class StepPermissionTester(PagePermissionTester):
    """A step moved within its own course is a reorder: allowed to whoever may reorder the course.

    Wagtail treats any move like a deletion (publishers only, for a live page); moving a step to another
    course stays under that rule.
    """

    def can_move_to(self, destination):
        parent = self.page.get_parent()
        is_reorder = parent is not None and destination.pk == parent.pk
        if is_reorder and destination.permissions_for_user(self.user).can_reorder_children():
            return True
        return super().can_move_to(destination)

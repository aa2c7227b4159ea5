"""The digests the rebuild trusts: stable across builds, changed by any change."""

from dataclasses import dataclass, field

from llv_rebuild.fingerprint import Fingerprinter


@dataclass
class Node:
    name: str
    children: list = field(default_factory=list)
    parent: object = None


def graph(name="a"):
    root = Node(name)
    for index in range(3):
        child = Node(f"{name}{index}", parent=root)
        child.children.append(Node(f"{name}{index}-leaf", [{"n": index, "s": {1, 2}}]))
        root.children.append(child)
    return root


def test_equal_values_give_equal_digests_and_any_change_changes_it():
    assert Fingerprinter().digest(graph()) == Fingerprinter().digest(graph())
    changed = graph()
    changed.children[2].children[0].children[0]["n"] = 7
    assert Fingerprinter().digest(changed) != Fingerprinter().digest(graph())
    assert Fingerprinter().digest([1, "1"]) != Fingerprinter().digest(["1", 1])


def test_a_digest_does_not_depend_on_what_was_digested_before():
    """Memoized parts of a cycle would make a page's digest depend on the order
    in which pages are written; a cycle is entered from either end here."""
    root = graph()
    child = root.children[1]
    shared = Fingerprinter()
    first_root, then_child = shared.digest(root), shared.digest(child)
    other = Fingerprinter()
    first_child, then_root = other.digest(child), other.digest(root)
    assert first_root == then_root and then_child == first_child
    assert Fingerprinter().digest(child) == then_child


def test_a_value_shared_by_pages_is_digested_once():
    shared = {"navigation": list(range(1000))}
    fingerprinter = Fingerprinter()
    first = fingerprinter.digest(shared)
    shared["navigation"].append(1000)  # never happens during a build: the memo holds
    assert fingerprinter.digest(shared) == first
    assert Fingerprinter().digest(shared) != first


def test_a_pelican_content_object_counts_without_the_whole_site():
    import datetime as dt

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    def article(text, context):
        return Article(text, metadata={"title": "T", "slug": "t", "date": dt.datetime(2026, 1, 1)},
                       settings=dict(DEFAULT_CONFIG), context=context)

    one = Fingerprinter().digest(article("<p>Hello</p>", {"other": 1}))
    assert one == Fingerprinter().digest(article("<p>Hello</p>", {"other": 2}))
    assert one != Fingerprinter().digest(article("<p>Hello!</p>", {"other": 1}))

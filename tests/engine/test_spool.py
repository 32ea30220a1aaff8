from narrative.engine.spool import Spool
from narrative.types import Measure, Note


def test_spool_reads_back_in_order_and_skips_clients(tmp_path):
    spool = Spool(tmp_path / "s.sqlite")
    for i in range(5):
        spool.add("note", f"c{i % 2}", Note(note_id=f"n{i}", client_id=f"c{i % 2}", text="t", session=i + 1))
    spool.add("measure", "c0", Measure(client_id="c0", instrument="phq9", value=3.0, session=1))
    spool.finish_writes()
    assert [n.note_id for _, n in spool.iter_kind("note")] == ["n0", "n1", "n2", "n3", "n4"]
    assert [n.note_id for _, n in spool.iter_kind("note", skip_clients={"c1"})] == ["n0", "n2", "n4"]
    assert spool.clients() == ["c0", "c1"]
    assert [m.value for m in spool.client_records("c0", "measure")] == [3.0]
    assert spool.count("note") == 5
    spool.close()

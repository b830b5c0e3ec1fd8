"""Citations name the author, the as-of date, the date of the last change and the URL."""

import datetime as dt

from generator.cite import ACCESS, cite

URL = "https://example.org/tasks/3-2-1/"


def test_gbt_7714_electronic_resource():
    c = cite("示例县人民政府", "任务 3-2-1：改厕2000座", "站点", URL, dt.date(2021, 9, 30), dt.date(2021, 10, 15))
    assert (
        c.gbt
        == f"示例县人民政府. 任务 3-2-1：改厕2000座（数据截至2021年9月30日）[EB/OL]. (2021-10-15)[{ACCESS}]. {URL}."
    )


def test_apa_with_retrieval_date():
    c = cite("示例县人民政府", "任务 3-2-1：改厕2000座", "站点", URL, dt.date(2021, 9, 30), dt.date(2021, 10, 15))
    assert c.apa.startswith("示例县人民政府. (2021年10月15日). 任务 3-2-1：改厕2000座（数据截至2021年9月30日）. 站点.")
    assert c.apa.endswith(f"检索日期：{ACCESS}，取自 {URL}")


def test_without_progress_data_there_is_no_date_to_invent():
    c = cite("县政府", "行动", "站点", URL, None, None)
    assert "数据截至" not in c.gbt and "[EB/OL]. [" in c.gbt
    assert "(无日期)" in c.apa

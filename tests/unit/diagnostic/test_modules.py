import pytest
import yaml

from wego.diagnostic.domain.framework import FrameworkError
from wego.diagnostic.domain.modules import MODULES_DIR, load_modules, modules_for


@pytest.fixture(scope="module")
def ceds(shipped_frameworks):
    return next(f for f in shipped_frameworks if f.code == "ceds")


def test_shipped_modules_load_and_point_at_real_indicators(ceds):
    modules = modules_for(ceds)
    assert len(modules) == 10
    indicators = ceds.indicator_map()
    assert all(code in indicators for m in modules for code in m.closes + m.prerequisites)


def test_unknown_indicator_is_named_with_its_line(ceds, tmp_path):
    data = yaml.safe_load((MODULES_DIR / "ceds-1.0.yaml").read_text())
    data["modules"][0]["closes"] = ["ZZ9"]
    data["modules"][1]["months"] = [12, 3]
    path = tmp_path / "ceds-1.0.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    with pytest.raises(FrameworkError) as error:
        load_modules(path, ceds)
    problems = error.value.problems
    assert any("modules[1].months: value error, must be [low, high]" in p for p in problems)

"""Grading policy in one place: one default and one help per option, from nbgrader_config.py and
the command line (which wins)."""
import argparse

from autograder.grader import policy


def _parser():
    parser = argparse.ArgumentParser()
    policy.add_arguments(parser)
    return parser


def test_every_option_has_one_default_and_a_help():
    for cls in policy.CONFIGURABLES:
        for name, trait in cls.class_traits(config=True).items():
            assert trait.help and len(trait.help) > 20, (cls.__name__, name)


def test_defaults_then_nbgrader_config_then_the_command_line(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\nc.Limits.timeout = 900\nc.Limits.cell_timeout = 30\nc.GradingOptions.workers = 3\n")
    limits, options = policy.from_arguments(_parser().parse_args(["--cell-timeout", "45"]), tmp_path)
    assert limits.timeout == 900 and limits.cell_timeout == 45 and options.workers == 3
    assert limits.recheck_timeout == policy.Limits.recheck_timeout.default_value  # untouched: the default
    assert options.sandbox is True


def test_the_course_config_sets_no_other_timeout(root):
    """The cell timeout lives in the policy alone (it used to be 60 s in one place, 120 s in another)."""
    text = (root / "nbgrader_config.py").read_text()
    assert "\nc.Execute.timeout" not in text
    limits, _ = policy.from_arguments(_parser().parse_args([]), root)
    assert limits.cell_timeout == policy.Limits.cell_timeout.default_value

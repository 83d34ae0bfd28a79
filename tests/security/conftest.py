"""Security fixtures reuse the web and Slack ones."""
from tests.slack.conftest import fake_slack, mention, slack, slack_app, slack_assistant, slack_settings  # noqa: F401
from tests.web.conftest import isolated_assistant, make_client  # noqa: F401

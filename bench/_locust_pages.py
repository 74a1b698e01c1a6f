"""Locust users of bench/pages.py: signed-in employees reading the intranet.

bench/pages.py starts `locust -f` on this file with BENCH_PAGES_PLAN naming a JSON file of
session keys and page addresses, and BENCH_PAGES_WAIT the pause range between two pages
("0.5,1.5", or "0,0" to find the throughput). Each request is named for its kind of page,
so the statistics come out per kind; anything but a 200 counts as a failure (an expired
session would otherwise show the sign-in page and look fast).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, between, task

PLAN = json.loads(Path(os.environ["BENCH_PAGES_PLAN"]).read_text(encoding="utf-8"))
LOW, HIGH = (float(part) for part in os.environ.get("BENCH_PAGES_WAIT", "0.5,1.5").split(","))


class Employee(FastHttpUser):
    wait_time = between(LOW, HIGH)

    def on_start(self) -> None:
        self.cookie = f"sessionid={random.choice(PLAN['sessions'])}"

    def page(self, name: str, url: str) -> None:
        with self.client.get(
            url,
            name=name,
            headers={"Cookie": self.cookie},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")

    @task(2)
    def floor(self) -> None:
        self.page("floor", PLAN["floor"])

    @task(3)
    def home(self) -> None:
        self.page("home", "/")

    @task(2)
    def news_index(self) -> None:
        self.page("news index", PLAN["news_index"])

    @task(3)
    def news_page(self) -> None:
        self.page("news page", random.choice(PLAN["news_pages"]))

    @task(2)
    def challenge_page(self) -> None:
        self.page("challenge page", random.choice(PLAN["challenge_pages"]))

    @task(3)
    def idea_page(self) -> None:
        self.page("idea page", random.choice(PLAN["idea_pages"]))

    @task(1)
    def search_page(self) -> None:
        self.page("search page", f"/search/?q={random.choice(PLAN['queries'])}")

    @task(2)
    def leadership_update(self) -> None:
        self.page("leadership update", random.choice(PLAN["leadership_updates"]))

    @task(2)
    def community_page(self) -> None:
        self.page("community page", PLAN["community"])

    @task(2)
    def profile(self) -> None:
        self.page("profile", random.choice(PLAN["profiles"]))

    @task(1)
    def directory(self) -> None:
        self.page("directory", PLAN["directory"])

"""Pages written for the tests in the shape of real news pages (invented stories)."""

from __future__ import annotations

import html as html_lib


def news_page(
    title: str,
    paragraphs: list[str],
    *,
    site: str = "The Harbour Courier",
    url: str = "https://www.harbour-courier.example/world/2026/03/story.html",
    published: str = "2026-03-14T08:30:00Z",
    author: str = "Lena Varga",
    charset: str | None = "utf-8",
) -> str:
    """A news-site article page with the chrome real sites wrap around the story."""
    esc = html_lib.escape
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head>{meta_charset}
<title>{esc(title)} | {esc(site)}</title>
<meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="{esc(site)}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{esc(author)}">
<link rel="canonical" href="{url}">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article>
<h1>{esc(title)}</h1>
<div class="byline">By <span class="author">{esc(author)}</span> · <time datetime="{published}">{published[:10]}</time></div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<div class="article-body">
{body}
</div>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/world/2026/03/other-story.html">Port workers extend strike into a second week</a></li>
<li><a href="/world/2026/03/third-story.html">Regional ministers meet over fishing quotas</a></li>
</ul></aside>
</main>
<footer><p>Sign up for our morning newsletter</p><p>© 2026 {esc(site)}. All rights reserved.</p></footer>
</body></html>"""


STORY_PARAGRAPHS = [
    "Flood waters rose across the lower Danube valley on Tuesday, forcing more than 4,000 people from their homes "
    "as emergency crews worked through the night to reinforce levees near the town of Giurgiu.",
    "“We have never seen the river this high in March,” said Ioana Petrescu, the regional emergency coordinator, "
    "speaking to reporters at a shelter set up in a school gymnasium.",
    "According to the national weather service, another 60 millimetres of rain could fall before the weekend, "
    "and officials warned that several villages downstream might have to be evacuated as well.",
    "The interior ministry said that army engineers had been deployed to three districts and that bottled water "
    "and blankets were being delivered by truck from the capital.",
    "Local farmers said the flooding had already destroyed much of the winter wheat planted last autumn.",
]

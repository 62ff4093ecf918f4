#!/usr/bin/env python3
"""social-posts: an outreach external format that writes social media posts as CSV.

It makes one post for each campaign message the document covers (each
`section` block about a message, since protocol 1.1), from the message's
`short` text, or its title when it has none. It appends the hotline's phone
number when the post has room for it. Every post fits in 280 characters,
counted the way X (Twitter) counts them; a post that had to be shortened gets
a warning.

It speaks the outreach external format protocol 1.x: one JSON request on
stdin, one JSON response on stdout. Python 3 standard library only.

Options (the manifest entry's `options`):
  contact   the id of the contact whose phone to append (default: the first
            reporting contact with a phone number)
  link      an address to append when it fits, such as https://www.dhs.gov/blue-campaign
  hashtags  a list of hashtags to append when they fit, such as ["#BlueCampaign"]
  limit     the longest post, at most 280 (default: 280)
"""

import csv
import io
import json
import re
import sys
import unicodedata

PROTOCOL_VERSION = "1.1"
PROTOCOL_MAJOR = 1
MAX_POST = 280
URL_LENGTH = 23  # X counts every link as 23 characters, whatever its length
URL = re.compile(r"https?://\S+")
# X's weighting (twitter-text, version 3): these code points count 1, all others 2.
LIGHT_RANGES = [(0, 4351), (8192, 8205), (8208, 8223), (8242, 8247)]
CALL = {"en": "Call", "es": "Llame al"}


def describe():
    return {
        "protocolVersion": PROTOCOL_VERSION,
        "name": "social-posts",
        "extension": "csv",
        "mediaType": "text/csv",
        "summary": "Social media posts of at most 280 characters, one per message, as CSV",
    }


def weighted_length(text):
    """The length X shows for a post: links count 23, wide characters 2, the rest 1."""
    text = unicodedata.normalize("NFC", text)
    length = 0
    position = 0
    for match in URL.finditer(text):
        length += characters(text[position:match.start()]) + URL_LENGTH
        position = match.end()
    return length + characters(text[position:])


def characters(text):
    return sum(1 if any(low <= ord(c) <= high for low, high in LIGHT_RANGES) else 2 for c in text)


def shorten(text, limit):
    """The text cut at a word boundary, with an ellipsis, to fit in `limit`."""
    words = text.split(" ")
    while words and weighted_length(" ".join(words) + "…") > limit:
        words.pop()
    if words:
        return " ".join(words).rstrip(",;:.") + "…"
    cut = text
    while cut and weighted_length(cut + "…") > limit:
        cut = cut[:-1]
    return cut + "…"


def plain_text(inlines):
    parts = []
    for inline in inlines:
        kind = inline.get("type")
        if kind in ("text", "code"):
            parts.append(inline.get("text", ""))
        elif kind in ("emphasis", "strong", "link"):
            parts.append(plain_text(inline.get("content", [])))
        elif kind in ("softBreak", "lineBreak"):
            parts.append(" ")
    return "".join(parts)


def sections(blocks):
    """Every section block, outermost first, in document order."""
    for block in blocks:
        if block.get("type") == "section":
            yield block
            yield from sections(block.get("blocks", []))
        elif block.get("type") in ("quote", "callout"):
            yield from sections(block.get("blocks", []))
        elif block.get("type") == "list":
            for item in block.get("items", []):
                yield from sections(item)


def contact_cards(blocks):
    """Every contact card, in document order, inside sections too."""
    for block in blocks:
        kind = block.get("type")
        if kind == "contactCard":
            yield block
        elif kind in ("section", "quote", "callout"):
            yield from contact_cards(block.get("blocks", []))
        elif kind == "list":
            for item in block.get("items", []):
                yield from contact_cards(item)


def covered_messages(document):
    """The messages the layout placed, by their section's id: never by matching heading text."""
    found, seen = [], set()
    for section in sections(document.get("blocks", [])):
        message = section.get("message") if section.get("about") == "message" else None
        if message is not None and message["id"] not in seen:
            seen.add(message["id"])
            found.append(message)
    return found


def hotline_phone(document, options):
    """The printed number of the chosen contact, or of the first reporting contact with a phone."""
    cards = {card["id"]: card for card in contact_cards(document.get("blocks", [])) if "id" in card}
    wanted = options.get("contact")
    if wanted is not None:
        return (cards.get(wanted, {}).get("phone") or {}).get("number")
    for contact_id in document.get("metadata", {}).get("reportingContacts", []):
        phone = (cards.get(contact_id, {}).get("phone") or {}).get("number")
        if phone:
            return phone
    return None


def render(request):
    options = request.get("options") or {}
    locale = request.get("locale", "en")
    limit = options.get("limit", MAX_POST)
    if not isinstance(limit, (int, float)) or not 20 <= limit <= MAX_POST:
        return error(f"option 'limit' must be a number from 20 to {MAX_POST}, not {limit!r}")
    limit = int(limit)
    phone = hotline_phone(request["document"], options)
    extras = []
    if options.get("link"):
        extras.append(str(options["link"]))
    extras += [str(tag) for tag in options.get("hashtags", [])]

    diagnostics = []
    rows = []
    messages = covered_messages(request["document"])
    if not messages:
        diagnostics.append({"severity": "warning", "message": "the document covers no campaign message; no posts"})
    for message in messages:
        post = " ".join((message.get("short") or message["title"]).split())
        if weighted_length(post) > limit:
            post = shorten(post, limit)
            diagnostics.append({
                "severity": "warning",
                "message": f"post for message '{message['id']}' shortened to {weighted_length(post)} characters",
            })
        if phone and phone not in post:
            with_phone = f"{post} {CALL.get(locale, CALL['en'])} {phone}."
            if weighted_length(with_phone) <= limit:
                post = with_phone
        for extra in extras:
            if weighted_length(f"{post} {extra}") <= limit:
                post = f"{post} {extra}"
        rows.append([message["id"], weighted_length(post), post])

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["message_id", "characters", "post"])
    writer.writerows(rows)
    return {
        "protocolVersion": PROTOCOL_VERSION,
        "files": [{"content": out.getvalue(), "encoding": "utf8"}],
        "diagnostics": diagnostics,
    }


def error(message):
    return {"protocolVersion": PROTOCOL_VERSION, "files": [], "diagnostics": [{"severity": "error", "message": message}]}


def main():
    try:
        request = json.load(sys.stdin)
    except ValueError as problem:
        sys.exit(f"social_posts.py: the request is not valid JSON: {problem}")
    version = str(request.get("protocolVersion", ""))
    if version.split(".")[0] != str(PROTOCOL_MAJOR):
        sys.exit(f"social_posts.py: unsupported protocol version '{version}'; this plugin speaks {PROTOCOL_MAJOR}.x")
    kind = request.get("request")
    if kind == "describe":
        response = describe()
    elif kind == "render":
        response = render(request)
    else:
        sys.exit(f"social_posts.py: unknown request '{kind}'; expected 'describe' or 'render'")
    json.dump(response, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

"""Word lists and phrase patterns the text-dump segmenter uses to tell prose from site chrome.

Kept apart from the segmenter so the lists can grow (new languages, new
chrome phrases) without touching the logic.  Every pattern is matched against
one stripped line of a dump, case-insensitively.
"""

from __future__ import annotations

import re

# The commonest function words of the languages we meet most; their density
# is what tells running prose from menus and labels (the jusText signal).
STOPWORDS = frozenset(
    """
    a about after all also an and any are as at be because been but by can could did do does
    for from had has have he her his how i if in into is it its just more most my no not of on
    one only or other our out over she so some such than that the their them then there these
    they this those to under up us was we were what when where which while who will with would
    you your

    aber als am an auch auf aus bei bis das dass dem den der des die doch du durch ein eine einem
    einen einer es für hat ich ihr im ist kann mit nach nicht noch nur oder sich sie sind so über
    um und uns von vor war wie wir wird zu zum zur

    au aux avec ce ces dans de des du elle en est et il ils je la le les leur mais me ne nous on ou
    par pas pour qu que qui sa se ses son sont sur un une vous été être

    al como con del el en es esta este fue ha hay la las lo los más para pero por que se ser su sus
    un una y ya

    ao aos da das do dos ele em foi mais mas na nas no nos não os pela pelo por que se sem ser um
    uma é

    agli alla alle anche che ci con da dei del della delle di è gli il in la le nel nella non per
    più si sono su tra un una

    aan bij dat de deze die dit een en er het hij in is met naar niet om ook op te van voor was wat
    worden zijn

    ada adalah akan bahwa dalam dan dari dengan di ini itu juga ke kami karena oleh pada saat
    sebagai telah tersebut untuk yang

    в во все где для до его ее если же за и из или им их к как ко когда ли на над не него нет но о
    об он она они от по под при про с со так также то что это

    och att det som en på är av för med till den har de inte om ett men var jag
    """.split()
)

# A whole line that is only a piece of chrome: navigation, sharing, account,
# ads.  Such a line is never article text wherever it stands.
_CHROME_LINE = r"""
        skip\ to\b.* | jump\ to\b.* | back\ to\ top.* | menu | main\ menu | navigation | search.{0,20}
      | home | close | open | toggle.{0,30} | more | show\ more | load\ more | see\ more | view\ all
      | (?:share|tweet|pin|email|e-mail|print|save|copy\ link|whatsapp|facebook|twitter|linkedin|reddit)
        (?:\ (?:this|on|via|article|story|post|page)\b.{0,30})?
      | share\ (?:this|on)\b.* | follow\ us.{0,40} | like\ us.{0,40} | sign\ (?:in|up|out).{0,30}
      | log\ ?in.{0,20} | log\ out | register | subscribe.{0,40} | newsletter.{0,30} | my\ account
      | (?:\d+\ )?comments? | no\ comments | (?:\d+\ )?replies | reply | leave\ a\ (?:reply|comment).*
      | post\ a\ comment | advertisement | advertising | sponsored.{0,30} | ad | ads
      | read\ more.{0,3} | continue\ reading.{0,40} | tags?:.{0,120} | categories:.{0,120}
      | previous(?:\ post|\ article)?.{0,3} | next(?:\ post|\ article)?.{0,3} | top
      | (?:\d+\ )?(?:shares?|views?|likes?) | print\ this\ page | listen.{0,30}
      | image\ (?:source|caption|credit).{0,80} | photo:.{0,80} | getty\ images | ap\ photo.{0,40}
      | ( teilen | partager | compartir | compartilhar | condividi | delen | поделиться ) .{0,30}
      | ( anmelden | connexion | iniciar\ sesión | entrar | accedi | войти ) .{0,20}
      | ( werbung | publicité | publicidad | publicidade | pubblicità | реклама )
      | ( kommentare? | commentaires? | comentarios? | comentários? | commenti | reacties
        | комментарии ) .{0,20}
    """

# Chrome that may be a long, sentence-like line: cookie banners, legal footers.
# Plain lower-case substrings: a substring test is far cheaper than a regex search.
LEGAL_OR_COOKIE = (
    "cookie", "all rights reserved", "©", "(c) 20", "(c) 19", "copyright 20", "copyright 19",
    "privacy policy", "terms of use", "terms of service", "javascript is disabled",
    "enable javascript", "javascript is required", "your browser", "this site uses", "this website uses",
    "sign up for our", "subscribe to our", "get our newsletter", "delivered to your inbox",
    "alle rechte vorbehalten", "datenschutz", "tous droits réservés", "todos los derechos",
    "tutti i diritti", "todos os direitos", "все права защищены",
)

# A line after which only comments follow: the article never continues past it.
_COMMENTS_START = r"""
        (?:\d+\ )?comments?(?:\ \(\d+\))? | \d+\ (?:responses?|thoughts|replies)\ (?:on|to)\b.* | leave\ a\ (?:reply|comment).*
      | post\ a\ comment | add\ (?:a\ )?comment | join\ the\ (?:conversation|discussion).{0,40}
      | popular\ posts\ from\ this\ blog | show\ comments | view\ comments
      | ( leserkommentare | kommentare | commentaires | comentarios | comentários | commenti | комментарии )
        (?:\ \(\d+\))?
    """

# A heading that usually closes the article (teasers or widgets follow) but
# that some sites also drop inside it, so it weighs against the body, no more.
_SECTION_BREAK = r"""
        popular\ posts.{0,40} | related\ (?:posts?|articles?|stories|news|content|coverage|reading|links).{0,30}
      | related | you\ (?:may|might)\ also\ (?:like|enjoy|be\ interested\ in).{0,10} | recommended.{0,30}
      | more\ (?:from|stories|news|on|in)\b.{0,60} | most\ (?:popular|read|viewed|shared).{0,30}
      | (?:also\ )?read\ (?:next|also).{0,3} | trending.{0,30} | don't\ miss.{0,10} | latest\ (?:news|posts|stories)
      | about\ the\ author | share\ this:? | (?:share|like)\ this\ (?:post|article|story):?
      | ( ähnliche\ artikel | mehr\ zum\ thema | à\ lire\ aussi | sur\ le\ même\ sujet
        | articles\ similaires | noticias\ relacionadas | artículos\ relacionados | notícias\ relacionadas
        | leia\ também | leia\ mais | veja\ também | articoli\ correlati | leggi\ anche
        | читайте\ также | похожие\ статьи | baca\ juga | berita\ terkait ) .{0,20}
    """

# One pass tells which of the three a short line is (the group that matched).
SHORT_LINE_KIND = re.compile(
    rf"^(?:(?P<comments>{_COMMENTS_START})|(?P<section>{_SECTION_BREAK})|(?P<chrome>{_CHROME_LINE}))$",
    re.I | re.X,
)

# Headings under which a page lists teasers of other posts.
TEASER_HEADING = re.compile(
    r"""^(?:popular\ posts.{0,40} | related\ (?:posts?|articles?|stories|news|reading).{0,30}
      | you\ (?:may|might)\ also\ (?:like|enjoy).{0,10} | more\ (?:from|stories)\b.{0,60}
      | recommended(?:\ for\ you|\ stories|\ articles|\ reading)? | read\ (?:next|more|also).{0,3}
      | latest\ (?:posts|stories|articles) | most\ (?:popular|read).{0,30} | recent\ posts )$""",
    re.I | re.X,
)

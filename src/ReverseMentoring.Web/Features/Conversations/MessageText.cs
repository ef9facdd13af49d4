using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace ReverseMentoring.Web.Features.Conversations;

/// <summary>
/// A message's plain text as HTML: every character encoded, line breaks kept, and http(s) links made clickable with
/// rel="noopener noreferrer nofollow". Nothing the author typed is ever taken as markup.
/// </summary>
public static partial class MessageText
{
    public static IHtmlContent ToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder();
        var at = 0;
        foreach (Match link in Link().Matches(text))
        {
            // Punctuation that ends a sentence is not part of the link.
            var url = link.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"');
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            {
                continue;
            }

            html.Append(Encode(text[at..link.Index]));
            html.Append("<a href=\"").Append(HtmlEncoder.Default.Encode(uri.AbsoluteUri))
                .Append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">")
                .Append(HtmlEncoder.Default.Encode(url)).Append("</a>");
            at = link.Index + url.Length;
        }

        html.Append(Encode(text[at..]));
        return new HtmlString(html.ToString());
    }

    private static string Encode(string text) =>
        HtmlEncoder.Default.Encode(text).Replace("&#xD;&#xA;", "<br>", StringComparison.Ordinal).Replace("&#xA;", "<br>", StringComparison.Ordinal);

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}

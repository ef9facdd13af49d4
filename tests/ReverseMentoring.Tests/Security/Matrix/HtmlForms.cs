using System.Net;
using System.Text.RegularExpressions;

namespace ReverseMentoring.Tests.Security.Matrix;

/// <summary>One field of a form as the browser would send it: name, kind ("text", "hidden", "date"...), value, maxlength.</summary>
public sealed record FormField(string Name, string Kind, string Value, int? MaxLength);

/// <summary>A form (or one of its submit buttons with its own formaction) as posted: where to, and its fields in order.</summary>
public sealed record HtmlForm(string Action, IReadOnlyList<FormField> Fields)
{
    /// <summary>The page handler it posts to ("" for the page's plain OnPost).</summary>
    public string Handler => Regex.Match(Action, @"[?&]handler=([^&]+)") is { Success: true } m ? WebUtility.UrlDecode(m.Groups[1].Value) : "";

    /// <summary>What makes two forms the same form, whatever record ids their action or values carry.</summary>
    public string Shape => Handler + ":" + string.Join(",", Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}

/// <summary>Reads the forms of a page from its HTML, the way a browser would fill them in unchanged.</summary>
public static partial class HtmlForms
{
    public static IReadOnlyList<HtmlForm> PostFormsOf(string html, string pageUrl) => FormsOf(html, pageUrl, "post");

    /// <summary>The filter forms of a page (a form without a method is sent with GET).</summary>
    public static IReadOnlyList<HtmlForm> GetFormsOf(string html, string pageUrl) => FormsOf(html, pageUrl, "get");

    private static List<HtmlForm> FormsOf(string html, string pageUrl, string method)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var forms = new List<HtmlForm>();
        foreach (Match form in FormPattern().Matches(html))
        {
            var attributes = Attributes(form.Groups[1].Value);
            if (!string.Equals(attributes.GetValueOrDefault("method") ?? "get", method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var body = form.Groups[2].Value;
            var fields = Fields(body);
            var actions = new List<string> { Resolve(attributes.GetValueOrDefault("action"), pageUrl) };
            var submit = (FormField?)null;
            foreach (Match button in ButtonPattern().Matches(body))
            {
                var buttonAttributes = Attributes(button.Groups[1].Value);
                if (buttonAttributes.TryGetValue("formaction", out var formAction))
                {
                    actions.Add(Resolve(formAction, pageUrl));
                }

                if (submit is null && buttonAttributes.TryGetValue("name", out var name) && name.Length > 0)
                {
                    submit = new FormField(name, "submit", buttonAttributes.GetValueOrDefault("value") ?? "", null);
                }
            }

            if (submit is not null)
            {
                fields.Add(submit);
            }

            forms.AddRange(actions.Distinct(StringComparer.Ordinal).Select(a => new HtmlForm(a, fields)));
        }

        return forms;
    }

    private static string Resolve(string? action, string pageUrl)
    {
        if (string.IsNullOrEmpty(action))
        {
            return pageUrl;
        }

        var decoded = WebUtility.HtmlDecode(action);
        return decoded.StartsWith('?') ? pageUrl.Split('?')[0] + decoded : decoded;
    }

    private static List<FormField> Fields(string body)
    {
        var fields = new List<(int Position, FormField Field)>();
        foreach (Match input in InputPattern().Matches(body))
        {
            var a = Attributes(input.Groups[1].Value);
            if (!a.TryGetValue("name", out var name) || name.Length == 0 || a.ContainsKey("disabled"))
            {
                continue;
            }

            var kind = (a.GetValueOrDefault("type") ?? "text").ToLowerInvariant();
            if (kind is "submit" or "button" or "reset" or "image" || (kind is "checkbox" or "radio" && !a.ContainsKey("checked")))
            {
                continue;
            }

            fields.Add((input.Index, new FormField(name, kind, a.GetValueOrDefault("value") ?? (kind == "checkbox" ? "on" : ""), MaxLength(a))));
        }

        foreach (Match area in TextAreaPattern().Matches(body))
        {
            var a = Attributes(area.Groups[1].Value);
            if (a.TryGetValue("name", out var name) && name.Length > 0)
            {
                fields.Add((area.Index, new FormField(name, "textarea", WebUtility.HtmlDecode(area.Groups[2].Value.TrimStart('\r', '\n')), MaxLength(a))));
            }
        }

        foreach (Match select in SelectPattern().Matches(body))
        {
            var a = Attributes(select.Groups[1].Value);
            if (!a.TryGetValue("name", out var name) || name.Length == 0)
            {
                continue;
            }

            var options = OptionPattern().Matches(select.Groups[2].Value).Select(o => Attributes(o.Groups[1].Value)).ToList();
            var chosen = options.Where(o => o.ContainsKey("selected")).ToList();
            if (chosen.Count == 0 && !a.ContainsKey("multiple") && options.Count > 0)
            {
                chosen.Add(options[0]);
            }

            foreach (var option in chosen)
            {
                fields.Add((select.Index, new FormField(name, "select", option.GetValueOrDefault("value") ?? "", null)));
            }
        }

        return fields.OrderBy(f => f.Position).Select(f => f.Field).ToList();
    }

    private static int? MaxLength(Dictionary<string, string> attributes) =>
        attributes.TryGetValue("maxlength", out var value) && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var max) ? max : null;

    private static Dictionary<string, string> Attributes(string tag)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in AttributePattern().Matches(tag))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
            result.TryAdd(m.Groups[1].Value, WebUtility.HtmlDecode(value));
        }

        return result;
    }

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<input\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"<textarea\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextAreaPattern();

    [GeneratedRegex(@"<select\b([^>]*)>(.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"<option\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex OptionPattern();

    [GeneratedRegex(@"<button\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ButtonPattern();

    [GeneratedRegex(@"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s""'>]+)))?")]
    private static partial Regex AttributePattern();
}

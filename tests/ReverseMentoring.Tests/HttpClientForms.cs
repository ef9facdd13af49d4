using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ReverseMentoring.Tests;

public static partial class HttpClientForms
{
    /// <summary>Posts a form the way a browser does: with the anti-forgery token from the page it came from.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetAsync(new Uri(formPage ?? url, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No anti-forgery token on {formPage ?? url} ({(int)page.StatusCode}).");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>Posts a multipart form with one file, with the anti-forgery token of the page it came from.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client, string url, Dictionary<string, string> fields, string fileField, string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var html = await (await client.GetAsync(new Uri(url, UriKind.Relative))).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No anti-forgery token on {url}.");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, fileField, fileName);
        return await client.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    /// <summary>The anti-forgery token of a form page, as a browser would send it back (to this page or to another one).</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string url)
    {
        var token = TokenPattern().Match(await client.GetHtmlAsync(url));
        Assert.True(token.Success, $"No anti-forgery token on {url}.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public static async Task<string> GetHtmlAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The message shown next to a field, as the validation tag helper renders it.</summary>
    public static string? FieldError(string html, string field)
    {
        var match = Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<");
        return match.Success && match.Groups[1].Value.Length > 0 ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

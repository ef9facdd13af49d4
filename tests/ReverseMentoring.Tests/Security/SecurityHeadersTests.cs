using System.Net;
using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Security;

public sealed partial class SecurityHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Urls => new() { "/", "/Account/SignIn", "/css/site.css", "/no-such-page", "/health" };

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var response = await app.Client().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal(SecurityHeaders.PermissionsPolicy, Header(response, "Permissions-Policy"));
    }

    [Fact]
    public async Task A_signed_in_page_carries_the_headers_too()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.GetAsync(new Uri("/Programs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public void The_content_security_policy_allows_no_inline_script_no_plugins_and_no_framing()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

        Assert.DoesNotContain("unsafe", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'self'", directives["form-action"]);
    }

    /// <summary>
    /// The policy above blocks inline script, event handlers and style attributes, so a page that used them would
    /// silently break in the browser. Scanning every view catches a new one at test time instead.
    /// </summary>
    [Fact]
    public void No_view_uses_inline_script_event_handlers_or_style_attributes()
    {
        var features = Path.Combine(SourceTree.WebProject, "Features");
        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (InlineScript().IsMatch(line) || EventHandler().IsMatch(line) || StyleAttribute().IsMatch(line) || JavaScriptUrl().IsMatch(line))
                {
                    offences.Add($"{Path.GetRelativePath(features, file)}:{i + 1}: {line.Trim()}");
                }
            }
        }

        Assert.True(offences.Count == 0, "Blocked by the Content-Security-Policy:\n" + string.Join("\n", offences));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    // A <script> without src, unless it is a JSON data block (not executed).
    [GeneratedRegex("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/(ld\\+)?json\")[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex("<[^>]*\\sstyle\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex("(href|action|src)\\s*=\\s*\"\\s*javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex JavaScriptUrl();
}

/// <summary>Where the repository's source lies, found from the test assembly's location.</summary>
public static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "ReverseMentoring.Web");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ReverseMentoring.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"ReverseMentoring.sln not found above {AppContext.BaseDirectory}.");
    }
}

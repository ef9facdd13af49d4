using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// Every POST handler of every Razor page, found from the app's own endpoint metadata so that a page added later is
/// covered without touching this test, refuses a post that carries the anti-forgery cookie but not the token.
/// </summary>
public sealed class AntiforgeryTests(AppFactory app) : IClassFixture<AppFactory>
{
    // Shows an error after a failed post of any kind; it changes nothing, so it must not refuse one.
    private static readonly string[] PagesWithoutToken = ["/Error"];

    [Fact]
    public async Task Every_post_without_an_anti_forgery_token_is_refused()
    {
        var posts = await PostHandlersAsync();
        var client = await SignedInWithEveryRoleAsync();

        var accepted = new List<string>();
        foreach (var url in posts)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Data.Name"] = "x" });
            var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{url} → {(int)response.StatusCode}");
            }
        }

        Assert.Contains("/Account/SignIn", posts);
        Assert.Contains("/Programs/Create", posts);
        Assert.True(accepted.Count == 0, "Accepted without a token:\n" + string.Join("\n", accepted));
    }

    [Fact]
    public async Task The_same_post_with_its_token_gets_through()
    {
        var client = await SignedInWithEveryRoleAsync();

        var response = await client.PostFormAsync("/Skills/Create", new() { ["Data.Name"] = $"Skill {Guid.NewGuid():N}"[..20], ["Data.Description"] = "Proves the token is the only difference." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The URL of each POST handler: route parameters filled with values their constraints accept.</summary>
    private async Task<List<string>> PostHandlersAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var urls = new SortedSet<string>(StringComparer.Ordinal);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath);
        foreach (var page in endpoints)
        {
            var endpoint = page.OrderBy(e => e.RoutePattern.RawText!.Length).First();
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>()!;
            if (PagesWithoutToken.Contains(descriptor.ViewEnginePath, StringComparer.Ordinal))
            {
                continue;
            }

            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var path = PathOf(endpoint.RoutePattern);
            foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, HttpMethods.Post, StringComparison.OrdinalIgnoreCase)))
            {
                urls.Add(handler.Name is null ? path : $"{path}?handler={handler.Name}");
            }
        }

        return [.. urls];
    }

    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { IsOptional: true } => "",
            RoutePatternParameterPart parameter => SampleValue(parameter.ParameterPolicies.Select(p => p.Content ?? "").LastOrDefault() ?? ""),
            _ => "",
        })))).TrimEnd('/');

    /// <summary>A value the parameter's constraint accepts; for a regex of alternatives, the first one.</summary>
    private static string SampleValue(string constraint) => constraint switch
    {
        "guid" => Guid.Empty.ToString(),
        "datetime" => "2027-01-01",
        "alpha" => "a",
        "bool" => "true",
        _ when constraint.StartsWith("regex(", StringComparison.Ordinal) =>
            constraint["regex(".Length..^1].Trim('^', '$', '(', ')').Split('|')[0],
        _ => "1",
    };

    /// <summary>A user in every role, so that authorization is never what stops a post.</summary>
    private async Task<HttpClient> SignedInWithEveryRoleAsync()
    {
        var user = await app.CreateUserAsync(Roles.HrCoordinator);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            StartupData.Check(await users.AddToRolesAsync(stored, [Roles.Leadership, Roles.Mentor, Roles.Mentee]), "give every role");
        }

        var client = app.Client();
        var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

}

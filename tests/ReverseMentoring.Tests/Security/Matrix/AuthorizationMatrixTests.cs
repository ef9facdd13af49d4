using System.Net;
using System.Text;

namespace ReverseMentoring.Tests.Security.Matrix;

/// <summary>
/// Every page × every role and anonymous, against <see cref="PageTable"/>. The pages are discovered from the running
/// app, so a page without a row (or a row without a page) fails here.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    public static TheoryData<string, Who> Cases()
    {
        var cases = new TheoryData<string, Who>();
        foreach (var row in PageTable.Rows)
        {
            foreach (var who in MatrixApp.Everyone)
            {
                cases.Add(row.Route, who);
            }
        }

        return cases;
    }

    [Fact]
    public void Every_page_of_the_app_has_a_row_in_the_matrix_and_every_row_a_page()
    {
        var discovered = app.DiscoverPageRoutes();
        var listed = PageTable.Rows.Select(r => r.Route).ToList();

        var missing = discovered.Except(listed, StringComparer.Ordinal).ToList();
        var gone = listed.Except(discovered, StringComparer.Ordinal).ToList();
        var twice = listed.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        var message = new StringBuilder();
        foreach (var route in missing)
        {
            message.AppendLine($"Page without a row in PageTable: new(\"{route}\", \"{route}\", SignIn, ?, ?, ?, ?),");
        }

        foreach (var route in gone)
        {
            message.AppendLine($"Row for a page that no longer exists: {route}");
        }

        foreach (var route in twice)
        {
            message.AppendLine($"Page with two rows: {route}");
        }

        Assert.True(message.Length == 0, message.ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_person_gets_what_the_matrix_says_on_each_page(string route, Who who)
    {
        var row = PageTable.Row(route);
        var world = await app.WorldAsync();
        var client = await app.ClientAsync(who);

        using var response = await client.GetAsync(new Uri(world.Url(row.Url), UriKind.Relative));

        var actual = Classify(response);
        Assert.True(actual == row.For(who),
            $"GET {world.Url(row.Url)} as {who}: expected {row.For(who)}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
    }

    public static Outcome? Classify(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location?.ToString() ?? "";
        var path = location.StartsWith("http://localhost", StringComparison.Ordinal) ? location["http://localhost".Length..] : location;
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Outcome.Ok,
            HttpStatusCode.Forbidden => Outcome.Forbidden,
            HttpStatusCode.NotFound => Outcome.NotFound,
            HttpStatusCode.Redirect when path.StartsWith("/Account/SignIn", StringComparison.Ordinal) => Outcome.SignIn,
            HttpStatusCode.Redirect when path.StartsWith("/Account/AccessDenied", StringComparison.Ordinal) => Outcome.Forbidden,
            HttpStatusCode.Redirect => Outcome.Redirect,
            _ => null,
        };
    }
}

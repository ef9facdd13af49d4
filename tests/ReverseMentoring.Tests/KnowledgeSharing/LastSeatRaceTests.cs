using System.Net;
using System.Text.RegularExpressions;

namespace ReverseMentoring.Tests.KnowledgeSharing;

/// <summary>Two seniors take the last seat at the same moment, through the real app over its SQLite file.</summary>
public sealed partial class LastSeatRaceTests(KnowledgeApp app) : IClassFixture<KnowledgeApp>
{
    [Fact]
    public async Task One_senior_gets_the_last_seat_and_the_other_is_wait_listed_and_told_so()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), app.UtcNow.AddDays(7), capacity: 1);
        var seniors = new[] { await app.SeniorAsync(program), await app.SeniorAsync(program) };
        var ready = new List<(HttpClient Client, string Token)>();
        foreach (var senior in seniors)
        {
            var client = await app.SignedInClientAsync(senior.User);
            var html = await client.GetHtmlAsync($"/Knowledge/{id}");
            ready.Add((client, WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value)));
        }

        // Both requests are released together, so they reach the database at the same time.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = ready.Select(r => Task.Run(async () =>
        {
            await start.Task;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = r.Token });
            return await r.Client.PostAsync(new Uri($"/Knowledge/{id}?handler=SignUp", UriKind.Relative), form);
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var outcomes = responses.Select(r => r.Headers.Location!.OriginalString).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"/Knowledge/{id}?signedUp=booked", $"/Knowledge/{id}?signedUp=waitlist-1"], outcomes);
        var saved = await app.SavedKnowledgeAsync(id);
        Assert.Equal(1, saved.BookedCount);
        Assert.Equal(1, saved.Seats.Count(s => s.State == KnowledgeSeatState.WaitListed));

        // The one wait-listed reads it on the page the redirect leads to.
        var waiting = ready[responses.ToList().FindIndex(r => r.Headers.Location!.OriginalString.EndsWith("waitlist-1", StringComparison.Ordinal))].Client;
        var page = await waiting.GetHtmlAsync($"/Knowledge/{id}?signedUp=waitlist-1");
        Assert.Contains("you are on the wait list: number 1", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

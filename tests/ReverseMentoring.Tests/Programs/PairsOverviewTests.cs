using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Programs;

public sealed class PairsOverviewTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string PrivateNotes = "Private: Simon is worried about his team's restructuring.";
    private const string SharedNotes = "Shared: we set up an AI assistant together.";

    private static DateTime DaysAgo(double days) => DateTime.UtcNow.AddDays(-days);

    /// <summary>Three pairs: one meeting well, one rated low, one silent since it was accepted with an unanswered check-in.</summary>
    private async Task<(MentoringProgram Program, TestPair Good, TestPair Low, TestPair Quiet)> ProgramWithPairsAsync()
    {
        var program = await app.ProgramAsync();
        var good = await app.PairAsync(program, acceptedAtUtc: DaysAgo(40), mentorName: "Ada Mentor", menteeName: "Bob Senior");
        var first = await app.SessionAsync(good, SessionStatus.Held, DaysAgo(20));
        var second = await app.SessionAsync(good, SessionStatus.Held, DaysAgo(6));
        await app.SessionAsync(good, SessionStatus.Missed, DaysAgo(13));
        await app.SessionAsync(good, SessionStatus.Scheduled, DaysAgo(-5));
        await app.FeedbackAsync(good, first, ParticipantRole.Mentor, 5);
        await app.FeedbackAsync(good, second, ParticipantRole.Mentee, 4);
        await app.CheckInAsync(good, ParticipantRole.Mentee, CheckInKind.HaveYouMet, sentAtUtc: DaysAgo(10), answeredAtUtc: DaysAgo(1), met: true);

        var low = await app.PairAsync(program, acceptedAtUtc: DaysAgo(40), mentorName: "Cy Mentor", menteeName: "Dee Senior");
        var dull = await app.SessionAsync(low, SessionStatus.Held, DaysAgo(3));
        await app.FeedbackAsync(low, dull, ParticipantRole.Mentee, 2, "Hard to follow");
        await app.FeedbackAsync(low, dull, ParticipantRole.Mentor, 3);

        // Accepted 25 days ago and never met: quiet, as 25 > the cadence of 14 plus 7 days (the old list, without the
        // grace week, flagged it from 14 days).
        var quiet = await app.PairAsync(program, acceptedAtUtc: DaysAgo(25), mentorName: "Eve Mentor", menteeName: "Fay Senior");

        // Sent 10 days ago: an unanswered one is flagged after more than 7 days (the old list flagged any unanswered
        // one, so 3 days was enough).
        await app.CheckInAsync(quiet, ParticipantRole.Mentee, CheckInKind.HaveYouMet, sentAtUtc: DaysAgo(10));
        return (program, good, low, quiet);
    }

    [Fact]
    public async Task Hr_sees_every_pair_with_session_counts_last_session_average_rating_and_flags()
    {
        var (program, good, low, quiet) = await ProgramWithPairsAsync();

        var list = await app.SendAsync(new ProgramPairs.Query(program.Id), (await app.PersonAsync(Roles.HrCoordinator)).As);

        Assert.Equal(3, list.Total);
        var g = list.Pairs.Single(p => p.Id == good.Id);
        Assert.Equal(("Ada Mentor", "Bob Senior", 2, 1, 1), (g.MentorName, g.MenteeName, g.Held, g.Scheduled, g.Missed));
        Assert.Equal(4.5, g.AverageRating);
        Assert.NotNull(g.LastSessionUtc);
        Assert.True(g.LastSessionUtc > DaysAgo(7));
        Assert.Empty(g.Flags);
        var l = list.Pairs.Single(p => p.Id == low.Id);
        Assert.Equal(2.5, l.AverageRating);
        Assert.Equal([PairFlagKind.LowRating], l.Flags.Select(f => f.Kind));
        var q = list.Pairs.Single(p => p.Id == quiet.Id);
        Assert.Null(q.LastSessionUtc);
        Assert.Null(q.AverageRating);
        Assert.Equal([PairFlagKind.Quiet, PairFlagKind.HaveYouMetUnanswered], q.Flags.Select(f => f.Kind));
    }

    [Theory]
    [InlineData(PairFlagKind.Quiet, "quiet")]
    [InlineData(PairFlagKind.LowRating, "low")]
    [InlineData(PairFlagKind.HaveYouMetUnanswered, "quiet")]
    public async Task Hr_filters_the_pairs_by_flag(PairFlagKind flag, string expected)
    {
        var (program, _, low, quiet) = await ProgramWithPairsAsync();

        var list = await app.SendAsync(new ProgramPairs.Query(program.Id, 1, flag), (await app.PersonAsync(Roles.HrCoordinator)).As);

        Assert.Equal(expected == "low" ? low.Id : quiet.Id, Assert.Single(list.Pairs).Id);
        Assert.Equal(1, list.Total);
    }

    [Fact]
    public async Task The_pairs_list_is_paginated()
    {
        var program = await app.ProgramAsync();
        for (var i = 0; i < ProgramPairs.PageSize + 1; i++)
        {
            await app.PairAsync(program);
        }

        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var first = await app.SendAsync(new ProgramPairs.Query(program.Id, 1), hr);
        var second = await app.SendAsync(new ProgramPairs.Query(program.Id, 2), hr);

        Assert.Equal((ProgramPairs.PageSize, 2, ProgramPairs.PageSize + 1), (first.Pairs.Count, first.PageCount, first.Total));
        Assert.Single(second.Pairs);
        Assert.DoesNotContain(second.Pairs[0].Id, first.Pairs.Select(p => p.Id));
    }

    [Fact]
    public async Task A_program_without_pairs_shows_an_empty_state()
    {
        var program = await app.ProgramAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{program.Id}/Pairs");

        Assert.Contains("This program has no pairs yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pair_page_shows_statuses_topics_feedback_and_shared_notes_but_never_private_notes()
    {
        var program = await app.ProgramAsync();
        var pair = await app.PairAsync(program);
        var shared = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(10), change: s =>
            s.Log(pair.Mentor.Id, 60, [program.Topics[1].Id], SharedNotes, notesSharedWithHr: true, followUps: null, DateTime.UtcNow));
        await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(3), change: s =>
            s.Log(pair.Mentor.Id, 60, [], PrivateNotes, notesSharedWithHr: false, "Private follow-up about the restructuring.", DateTime.UtcNow));
        await app.FeedbackAsync(pair, shared, ParticipantRole.Mentee, 5, "Really useful");
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{program.Id}/Pairs/{pair.Id}");
        var list = await client.GetHtmlAsync($"/Programs/{program.Id}/Pairs");
        var details = await app.SendAsync(new ProgramPairDetails.Query(program.Id, pair.Id), (await app.PersonAsync(Roles.HrCoordinator)).As);

        Assert.Contains(SharedNotes, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Simon is worried", html, StringComparison.Ordinal);
        Assert.DoesNotContain("restructuring", html, StringComparison.Ordinal);
        Assert.DoesNotContain("restructuring", list, StringComparison.Ordinal);
        Assert.Contains("Private to the pair.", html, StringComparison.Ordinal);
        Assert.Contains("Social media basics", html, StringComparison.Ordinal);
        Assert.Contains("Really useful", html, StringComparison.Ordinal);
        Assert.All(details.Sessions.Where(s => !s.NotesShared), s => Assert.Null(s.SharedNotes));
        Assert.All(details.Sessions.Where(s => !s.NotesShared), s => Assert.Null(s.SharedFollowUps));
        Assert.Equal(2, details.Sessions.Count);
    }

    [Fact]
    public async Task The_program_page_links_to_its_pairs()
    {
        var program = await app.ProgramAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{program.Id}");

        Assert.Contains($"href=\"/Programs/{program.Id}/Pairs\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_of_another_program_or_an_unknown_program_is_not_found()
    {
        var pair = await app.PairAsync();
        var other = await app.ProgramAsync();
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ProgramPairDetails.Query(other.Id, pair.Id), hr));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ProgramPairs.Query(int.MaxValue), hr));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_hr_may_see_a_programs_pairs(string role)
    {
        var pair = await app.PairAsync();
        var someone = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);
        var client = await app.SignedInClientAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProgramPairs.Query(pair.ProgramId), someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProgramPairDetails.Query(pair.ProgramId, pair.Id), someone));
        var response = await client.GetAsync(new Uri($"/Programs/{pair.ProgramId}/Pairs/{pair.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

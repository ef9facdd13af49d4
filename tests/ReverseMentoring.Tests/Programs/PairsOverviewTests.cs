using System.Net;
using ReverseMentoring.Tests.Sessions;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Programs;

public sealed class PairsOverviewTests(LoggingApp app) : IClassFixture<LoggingApp>
{
    private const string PrivateNotes = "Private: Simon is worried about his team's restructuring.";
    private const string SharedNotes = "Shared: we set up an AI assistant together.";

    private static DateTime DaysAgo(double days) => DateTime.UtcNow.AddDays(-days);

    private async Task<System.Security.Claims.ClaimsPrincipal> HrAsync() =>
        AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);

    private Task AddHaveYouMetAsync(Sessions.TestPair pair, bool answered) =>
        app.ExecuteDbContextAsync(async db =>
        {
            db.CheckIns.Add(new CheckIn
            {
                ProgramId = pair.Program.Id,
                PairId = pair.Pair.Id,
                EnrolmentId = pair.Mentee.EnrolmentId,
                UserId = pair.Mentee.User.Id,
                Role = ParticipantRole.Mentee,
                Kind = CheckInKind.HaveYouMet,
                DayNumber = 14,
                SentAtUtc = DaysAgo(3),
                AnsweredAtUtc = answered ? DaysAgo(1) : null,
                Met = answered ? true : null,
            });
            await db.SaveChangesAsync();
        });

    /// <summary>Three pairs: one meeting well, one rated low, one silent since it was accepted with an unanswered check-in.</summary>
    private async Task<(MentoringProgram Program, Sessions.TestPair Good, Sessions.TestPair Low, Sessions.TestPair Quiet)> ProgramWithPairsAsync()
    {
        var program = await app.AddProgramAsync();
        var good = await app.AddPairAsync(program, DaysAgo(40), "Ada Mentor", "Bob Senior");
        var first = await app.AddSessionAsync(good, DaysAgo(20), SessionStatus.Held);
        var second = await app.AddSessionAsync(good, DaysAgo(6), SessionStatus.Held);
        await app.AddSessionAsync(good, DaysAgo(13), SessionStatus.Missed);
        await app.AddSessionAsync(good, DaysAgo(-5));
        await app.AddFeedbackAsync(good, first, ParticipantRole.Mentor, 5);
        await app.AddFeedbackAsync(good, second, ParticipantRole.Mentee, 4);
        await AddHaveYouMetAsync(good, answered: true);

        var low = await app.AddPairAsync(program, DaysAgo(40), "Cy Mentor", "Dee Senior");
        var dull = await app.AddSessionAsync(low, DaysAgo(3), SessionStatus.Held);
        await app.AddFeedbackAsync(low, dull, ParticipantRole.Mentee, 2, "Hard to follow");
        await app.AddFeedbackAsync(low, dull, ParticipantRole.Mentor, 3);

        var quiet = await app.AddPairAsync(program, DaysAgo(20), "Eve Mentor", "Fay Senior");
        await AddHaveYouMetAsync(quiet, answered: false);
        return (program, good, low, quiet);
    }

    [Fact]
    public async Task Hr_sees_every_pair_with_session_counts_last_session_average_rating_and_flags()
    {
        var (program, good, low, quiet) = await ProgramWithPairsAsync();

        var list = await app.SendAsync(new ProgramPairs.Query(program.Id), await HrAsync());

        Assert.Equal(3, list.Total);
        var g = list.Pairs.Single(p => p.Id == good.Pair.Id);
        Assert.Equal(("Ada Mentor", "Bob Senior", 2, 1, 1), (g.MentorName, g.MenteeName, g.Held, g.Scheduled, g.Missed));
        Assert.Equal(4.5, g.AverageRating);
        Assert.NotNull(g.LastSessionUtc);
        Assert.True(g.LastSessionUtc > DaysAgo(7));
        Assert.False(g.NoRecentSession || g.LowRating || g.UnansweredHaveYouMet);
        var l = list.Pairs.Single(p => p.Id == low.Pair.Id);
        Assert.Equal(2.5, l.AverageRating);
        Assert.True(l.LowRating);
        Assert.False(l.NoRecentSession);
        var q = list.Pairs.Single(p => p.Id == quiet.Pair.Id);
        Assert.Null(q.LastSessionUtc);
        Assert.Null(q.AverageRating);
        Assert.True(q.NoRecentSession);
        Assert.True(q.UnansweredHaveYouMet);
        Assert.False(q.LowRating);
    }

    [Theory]
    [InlineData(ProgramPairs.Concern.NoRecentSession, "quiet")]
    [InlineData(ProgramPairs.Concern.LowRating, "low")]
    [InlineData(ProgramPairs.Concern.UnansweredHaveYouMet, "quiet")]
    public async Task Hr_filters_the_pairs_by_flag(ProgramPairs.Concern flag, string expected)
    {
        var (program, _, low, quiet) = await ProgramWithPairsAsync();

        var list = await app.SendAsync(new ProgramPairs.Query(program.Id, 1, flag), await HrAsync());

        Assert.Equal(expected == "low" ? low.Pair.Id : quiet.Pair.Id, Assert.Single(list.Pairs).Id);
        Assert.Equal(1, list.Total);
    }

    [Fact]
    public async Task The_pairs_list_is_paginated()
    {
        var program = await app.AddProgramAsync();
        for (var i = 0; i < ProgramPairs.PageSize + 1; i++)
        {
            await app.AddPairAsync(program);
        }

        var hr = await HrAsync();
        var first = await app.SendAsync(new ProgramPairs.Query(program.Id, 1), hr);
        var second = await app.SendAsync(new ProgramPairs.Query(program.Id, 2), hr);

        Assert.Equal((ProgramPairs.PageSize, 2, ProgramPairs.PageSize + 1), (first.Pairs.Count, first.PageCount, first.Total));
        Assert.Single(second.Pairs);
        Assert.DoesNotContain(second.Pairs[0].Id, first.Pairs.Select(p => p.Id));
    }

    [Fact]
    public async Task A_program_without_pairs_shows_an_empty_state()
    {
        var program = await app.AddProgramAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{program.Id}/Pairs");

        Assert.Contains("This program has no pairs yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pair_page_shows_statuses_topics_feedback_and_shared_notes_but_never_private_notes()
    {
        var program = await app.AddProgramAsync();
        var pair = await app.AddPairAsync(program);
        var shared = await app.AddSessionAsync(pair, DaysAgo(10), SessionStatus.Held, s =>
        {
            s.Notes = SharedNotes;
            s.NotesSharedWithHr = true;
            s.Topics.Add(new SessionTopic { ProgramTopicId = program.Topics[1].Id, Kind = SessionTopicKind.Covered });
        });
        await app.AddSessionAsync(pair, DaysAgo(3), SessionStatus.Held, s =>
        {
            s.Notes = PrivateNotes;
            s.FollowUps = "Private follow-up about the restructuring.";
        });
        await app.AddFeedbackAsync(pair, shared, ParticipantRole.Mentee, 5, "Really useful");
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{program.Id}/Pairs/{pair.Pair.Id}");
        var list = await client.GetHtmlAsync($"/Programs/{program.Id}/Pairs");
        var details = await app.SendAsync(new ProgramPairDetails.Query(program.Id, pair.Pair.Id), await HrAsync());

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
        var program = await app.AddProgramAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{program.Id}");

        Assert.Contains($"href=\"/Programs/{program.Id}/Pairs\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_of_another_program_or_an_unknown_program_is_not_found()
    {
        var pair = await app.AddPairAsync();
        var other = await app.AddProgramAsync();
        var hr = await HrAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ProgramPairDetails.Query(other.Id, pair.Pair.Id), hr));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ProgramPairs.Query(int.MaxValue), hr));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_hr_may_see_a_programs_pairs(string role)
    {
        var pair = await app.AddPairAsync();
        var someone = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);
        var client = await app.SignedInClientAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProgramPairs.Query(pair.Program.Id), someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProgramPairDetails.Query(pair.Program.Id, pair.Pair.Id), someone));
        var response = await client.GetAsync(new Uri($"/Programs/{pair.Program.Id}/Pairs/{pair.Pair.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

using System.Net;
using ReverseMentoring.Tests.Enrolments;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.EndPair;

/// <summary>HR ends many confirmed pairs at once with one ending and reason, each ending as one pair does.</summary>
public sealed class BulkEndPairsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static BulkEndPairs.Command End(MentoringProgram program, IEnumerable<int> ids, BulkMode mode = BulkMode.AllOrNothing) => new()
    {
        ProgramId = program.Id, Ids = ids.ToList(), Ending = PairEnding.EndedEarly, Reason = "The program was cut short.", Confirm = true, Mode = mode,
    };

    private async Task<(MentoringProgram Program, Person Hr, TestPair First, TestPair Second)> TwoPairsAsync()
    {
        var program = await app.ProgramAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var first = await app.PairAsync(program, mentorName: TestData.Unique("Maya"), menteeName: TestData.Unique("Simon"));
        var second = await app.PairAsync(program, mentorName: TestData.Unique("Omar"), menteeName: TestData.Unique("Lena"));
        return (program, hr, first, second);
    }

    [Fact]
    public async Task Ending_several_ends_each_with_the_reason_and_cancels_their_sessions_to_come()
    {
        var (program, hr, first, second) = await TwoPairsAsync();
        var upcoming = await app.SessionAsync(first, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(3));

        var report = await app.SendAsync(End(program, [first.Id, second.Id]), hr.As);

        foreach (var pair in new[] { first, second })
        {
            var saved = await app.SavedPairAsync(pair.Id);
            Assert.Equal(PairStatus.Ended, saved.Status);
            Assert.Equal(("The program was cut short.", PairEnding.EndedEarly, hr.Id), (saved.EndReason, saved.Ending!.Value, saved.EndedByUserId));
        }

        Assert.Equal(SessionStatus.Cancelled, (await app.SavedSessionAsync(upcoming.Id)).Status);
        Assert.Equal(2, report.Done.Count);
    }

    [Fact]
    public async Task All_or_nothing_ends_none_when_one_has_ended_already_and_names_it()
    {
        var (program, hr, first, _) = await TwoPairsAsync();
        var ended = await app.PairAsync(program, PairStatus.Ended, mentorName: TestData.Unique("Eve"), menteeName: TestData.Unique("Ned"));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(End(program, [first.Id, ended.Id]), hr.As));

        Assert.Contains(refused.Failures, f => f.ErrorMessage.StartsWith($"{ended.Mentor.User.DisplayName} and {ended.Mentee.User.DisplayName}: This pair has ended already.", StringComparison.Ordinal));
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(first.Id)).Status);
    }

    [Fact]
    public async Task Doing_what_can_be_done_ends_the_confirmed_pairs_and_reports_the_others_by_row()
    {
        var (program, hr, first, _) = await TwoPairsAsync();
        var proposed = await app.PairAsync(program, PairStatus.Proposed, mentorName: TestData.Unique("Pia"), menteeName: TestData.Unique("Rob"));
        var elsewhere = await app.PairAsync(mentorName: TestData.Unique("Zoe"), menteeName: TestData.Unique("Yan"));

        var report = await app.SendAsync(End(program, [first.Id, proposed.Id, elsewhere.Id], BulkMode.WhatCan), hr.As);

        Assert.Equal(PairStatus.Ended, (await app.SavedPairAsync(first.Id)).Status);
        Assert.Equal(PairStatus.Proposed, (await app.SavedPairAsync(proposed.Id)).Status);
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(elsewhere.Id)).Status);
        Assert.Contains(report.NotDone, l => l.StartsWith($"{proposed.Mentor.User.DisplayName} and {proposed.Mentee.User.DisplayName}: not ended", StringComparison.Ordinal));
        Assert.Contains(report.NotDone, l => l.StartsWith($"Pair {elsewhere.Id}: not ended: there is no such pair", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_selection_or_an_early_ending_without_a_reason_is_refused()
    {
        var (program, hr, first, _) = await TwoPairsAsync();

        var empty = await TestData.RefusalAsync(() => app.SendAsync(End(program, []), hr.As), nameof(BulkEndPairs.Command.Ids));

        Assert.StartsWith("No pair was chosen.", empty, StringComparison.Ordinal);
        var command = End(program, [first.Id]);
        command.Reason = " ";
        Assert.Equal("Say why the pair is ending early; HR uses this to improve the program.",
            await TestData.RefusalAsync(() => app.SendAsync(command, hr.As), nameof(BulkEndPairs.Command.Reason)));
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(first.Id)).Status);
    }

    [Fact]
    public async Task The_confirmation_names_the_pairs_and_the_post_ends_them()
    {
        var (program, _, first, second) = await TwoPairsAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Pairs/End?Data.Ids={first.Id}&Data.Ids={second.Id}";

        var html = WebUtility.HtmlDecode(await client.GetHtmlAsync(url));
        Assert.Contains("End 2 pairs: ", html, StringComparison.Ordinal);
        Assert.Contains($"{first.Mentor.User.DisplayName} and {first.Mentee.User.DisplayName}", html, StringComparison.Ordinal);
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(first.Id)).Status);

        var response = await BulkDecisionTests.PostAsync(client, $"/Programs/{program.Id}/Pairs/End", url,
        [
            new("Data.Ids", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Data.Ids", second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Data.Ending", "Completed"), new("Data.Confirm", "true"), new("Data.Mode", "AllOrNothing"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PairStatus.Ended, (await app.SavedPairAsync(second.Id)).Status);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_HR_may_end_several(string role)
    {
        var (program, _, first, _) = await TwoPairsAsync();
        var person = await app.PersonAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(End(program, [first.Id]), person.As));
        var response = await (await app.SignedInClientAsync(person.User)).GetAsync(new Uri($"/Programs/{program.Id}/Pairs/End?Data.Ids={first.Id}", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(first.Id)).Status);
    }
}

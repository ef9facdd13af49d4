using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.EndPair;

public sealed class EndPairTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Web.Features.Pairs.EndPair.Command Ending(TestPair pair, PairEnding? ending, string? reason = null, bool confirm = true) =>
        new() { PairId = pair.Id, Ending = ending, Reason = reason, Confirm = confirm, Version = pair.Version };

    private Task<List<Session>> SessionsAsync(int pairId) =>
        app.ExecuteDbContextAsync(db => db.Sessions.AsNoTracking().Where(s => s.PairId == pairId).OrderBy(s => s.StartsAtUtc).ToListAsync());

    [Fact]
    public async Task A_mentee_completes_the_pair_upcoming_sessions_are_cancelled_and_history_stays()
    {
        var pair = await app.PairAsync(acceptedAtUtc: DateTime.UtcNow.AddDays(-120));
        var held = await app.SessionAsync(pair, SessionStatus.Held, DateTime.UtcNow.AddDays(-30));
        var upcoming = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(7));
        var client = await app.SignedInClientAsync(pair.Mentee.User);

        var form = await client.GetHtmlAsync($"/Participant/EndPair/{pair.Id}");
        var response = await client.PostFormAsync($"/Participant/EndPair/{pair.Id}", new()
        {
            ["Data.Ending"] = "Completed", ["Data.Confirm"] = "true", ["Data.Version"] = pair.Version.ToString(),
        });

        Assert.Contains("Its one scheduled session still to come will be cancelled.", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Participant/Skills/Progress/{pair.Id}", response.Headers.Location!.ToString());
        var ended = await app.SavedPairAsync(pair.Id);
        Assert.Equal((PairStatus.Ended, PairEnding.Completed, pair.Mentee.User.Id, (string?)null), (ended.Status, ended.Ending, ended.EndedByUserId, ended.EndReason));
        Assert.NotNull(ended.EndedAtUtc);
        Assert.NotEqual(pair.Version, ended.Version);
        var sessions = await SessionsAsync(pair.Id);
        Assert.Equal(SessionStatus.Held, sessions.Single(s => s.Id == held.Id).Status);
        var cancelled = sessions.Single(s => s.Id == upcoming.Id);
        Assert.Equal((SessionStatus.Cancelled, "Pair ended", pair.Mentee.User.Id), (cancelled.Status, cancelled.CancelReason, cancelled.CancelledByUserId));
        var progress = await client.GetHtmlAsync($"/Participant/Skills/Progress/{pair.Id}");
        Assert.Contains("Rate your levels now, at the end", progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mentor_ends_the_pair_early_with_a_reason()
    {
        var pair = await app.PairAsync();

        await app.SendAsync(Ending(pair, PairEnding.EndedEarly, "  I changed teams.  "), pair.Mentor.As);

        var ended = await app.SavedPairAsync(pair.Id);
        Assert.Equal((PairStatus.Ended, PairEnding.EndedEarly, "I changed teams.", pair.Mentor.User.Id), (ended.Status, ended.Ending, ended.EndReason, ended.EndedByUserId));
    }

    [Theory]
    [InlineData("EndedEarly", "", "true", "Data.Reason", "Say why the pair is ending early; HR uses this to improve the program.")]
    [InlineData("EndedEarly", "TOO_LONG", "true", "Data.Reason", "A reason has at most 500 characters; shorten it.")]
    [InlineData("", "", "true", "Data.Ending", "Choose whether the pair completed the program or is ending early.")]
    [InlineData("Completed", "", "", "Data.Confirm", "Tick the box to confirm that you want to end this pair.")]
    public async Task Ending_needs_how_why_when_early_and_a_confirmation(string ending, string reason, string confirm, string field, string message)
    {
        var pair = await app.PairAsync();
        var upcoming = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(3));
        var client = await app.SignedInClientAsync(pair.Mentor.User);
        var fields = new Dictionary<string, string>
        {
            ["Data.Ending"] = ending,
            ["Data.Reason"] = reason == "TOO_LONG" ? new string('r', Pair.ReasonMaxLength + 1) : reason,
            ["Data.Version"] = pair.Version.ToString(),
        };
        if (confirm.Length > 0)
        {
            fields["Data.Confirm"] = confirm;
        }

        var response = await client.PostFormAsync($"/Participant/EndPair/{pair.Id}", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), field));
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(pair.Id)).Status);
        Assert.Equal(SessionStatus.Scheduled, (await SessionsAsync(pair.Id)).Single(s => s.Id == upcoming.Id).Status);
    }

    [Fact]
    public async Task Ending_with_a_stale_version_changes_nothing()
    {
        var pair = await app.PairAsync();
        var upcoming = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(3));
        var stale = Ending(pair, PairEnding.Completed);
        stale.Version = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(stale, pair.Mentee.As));

        Assert.Equal(Web.Features.Pairs.EndPair.ConflictMessage, Assert.Single(refused.Failures).ErrorMessage);
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(pair.Id)).Status);
        Assert.Equal(SessionStatus.Scheduled, (await SessionsAsync(pair.Id)).Single(s => s.Id == upcoming.Id).Status);
    }

    [Fact]
    public async Task An_ended_or_unconfirmed_pair_cannot_be_ended()
    {
        var pair = await app.PairAsync();
        await app.SendAsync(Ending(pair, PairEnding.Completed), pair.Mentee.As);
        var endedVersion = (await app.SavedPairAsync(pair.Id)).Version;
        var again = Ending(pair, PairEnding.EndedEarly, "Oops");
        again.Version = endedVersion;

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(again, pair.Mentor.As));

        Assert.Equal("This pair has ended already.", Assert.Single(refused.Failures).ErrorMessage);
        var ended = await app.SavedPairAsync(pair.Id);
        Assert.Equal((PairEnding.Completed, pair.Mentee.User.Id), (ended.Ending, ended.EndedByUserId));
    }

    [Fact]
    public async Task Someone_outside_the_pair_gets_not_found()
    {
        var pair = await app.PairAsync();
        var stranger = await app.PairAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new Web.Features.Pairs.EndPair.Query(pair.Id), stranger.Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Ending(pair, PairEnding.Completed), stranger.Mentor.As));
        var client = await app.SignedInClientAsync(stranger.Mentor.User);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/Participant/EndPair/{pair.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(pair.Id)).Status);
    }

    [Fact]
    public async Task A_coordinator_ends_a_pair_from_the_programs_pages()
    {
        var pair = await app.PairAsync();
        var upcoming = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(3));
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{pair.ProgramId}/Pairs/{pair.Id}/End";

        var form = await hr.GetHtmlAsync(url);
        var response = await hr.PostFormAsync(url, new()
        {
            ["Data.Ending"] = "EndedEarly", ["Data.Reason"] = "The mentor left the company.", ["Data.Confirm"] = "true", ["Data.Version"] = pair.Version.ToString(),
        });

        Assert.Contains("End the pair of Maya Mentor and Simon Senior?", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var ended = await app.SavedPairAsync(pair.Id);
        Assert.Equal((PairStatus.Ended, PairEnding.EndedEarly, "The mentor left the company."), (ended.Status, ended.Ending, ended.EndReason));
        Assert.NotNull(ended.EndedByUserId);
        Assert.NotEqual(pair.Mentor.User.Id, ended.EndedByUserId);
        Assert.Equal(SessionStatus.Cancelled, (await SessionsAsync(pair.Id)).Single(s => s.Id == upcoming.Id).Status);
    }

    [Fact]
    public async Task A_coordinator_needs_a_reason_too_and_the_pair_must_be_in_the_program()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pair = await app.PairAsync();
        var other = await app.ProgramAsync(ProgramStatus.Enrolling);
        var command = new EndPairByCoordinator.Command
        {
            ProgramId = pair.ProgramId, PairId = pair.Id, Ending = PairEnding.EndedEarly, Confirm = true, Version = pair.Version,
        };

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, hr.As));
        command.ProgramId = other.Id;
        command.Reason = "Moved abroad.";
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(command, hr.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new EndPairByCoordinator.Query(other.Id, pair.Id), hr.As));

        Assert.Equal(nameof(EndPairByCoordinator.Command.Reason), Assert.Single(refused.Failures).PropertyName);
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(pair.Id)).Status);
    }

    [Fact]
    public async Task Participants_cannot_use_the_coordinators_ending_and_coordinators_not_the_participants()
    {
        var pair = await app.PairAsync();
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var byMentor = new EndPairByCoordinator.Command
        {
            ProgramId = pair.ProgramId, PairId = pair.Id, Ending = PairEnding.Completed, Confirm = true, Version = pair.Version,
        };

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(byMentor, pair.Mentor.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Ending(pair, PairEnding.Completed), hr));
        var mentorClient = await app.SignedInClientAsync(pair.Mentor.User);
        var page = await mentorClient.GetAsync(new Uri($"/Programs/{pair.ProgramId}/Pairs/{pair.Id}/End", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(pair.Id)).Status);
    }
}

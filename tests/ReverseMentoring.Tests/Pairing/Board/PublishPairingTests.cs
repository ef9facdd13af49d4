using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Pairing.Board;

public sealed class PublishPairingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<int> PublishAsync(BoardSetup setup, int runId, Guid? version = null) =>
        await app.SendAsync(new PublishPairing.Command { ProgramId = setup.ProgramId, RunId = runId, Version = version ?? await app.ProgramVersionAsync(setup.ProgramId) }, setup.Coordinator);

    private sealed record Two(BoardSetup Kit, int Mentor, int Mentee, string MentorName, string MenteeName);

    private async Task<Two> TwoAsync()
    {
        var kit = await app.BoardAsync();
        var (mentorName, menteeName) = (Unique("Mentor"), Unique("Mentee"));
        return new Two(kit, await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, mentorName), await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, menteeName),
            mentorName, menteeName);
    }

    private static async Task<string> RefusalAsync(Func<Task> send) =>
        (await Assert.ThrowsAsync<RequestValidationException>(send)).Failures.Single().ErrorMessage;

    private List<string> MailsMentioning(string text) =>
        !Directory.Exists(app.MailFolder) ? [] : Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Where(m => m.Contains(text, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Publishing_creates_the_pairs_and_tells_both_sides()
    {
        var t = await TwoAsync();
        var runId = await app.RunAsync(t.Kit);

        var count = await PublishAsync(t.Kit, runId);

        Assert.Equal(1, count);
        var pair = Assert.Single(await app.PairsOfAsync(t.Kit.ProgramId));
        Assert.Equal((t.Mentor, t.Mentee, PairStatus.Proposed), (pair.MentorEnrolmentId, pair.MenteeEnrolmentId, pair.Status));
        Assert.Equal((PairResponse.Pending, PairResponse.Pending), (pair.MentorResponse, pair.MenteeResponse));
        Assert.Equal(runId, pair.RunId);
        Assert.NotEmpty(pair.Reasons);
        Assert.True(pair.ScorePercent > 0);
        Assert.NotNull((await app.LatestPairingRunAsync(t.Kit.ProgramId)).Run.PublishedAtUtc);

        var toMentor = Assert.Single(MailsMentioning($"paired with {t.MenteeName}"));
        var toMentee = Assert.Single(MailsMentioning($"paired with {t.MentorName}"));
        Assert.Contains("accept or decline", toMentor, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Programs/{t.Kit.ProgramId}", toMentee, StringComparison.Ordinal);
        Assert.Equal(2, await app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync(n => n.Key.StartsWith($"pair-proposed:{pair.Id}:"))));
    }

    [Fact]
    public async Task A_run_is_published_only_once()
    {
        var t = await TwoAsync();
        var runId = await app.RunAsync(t.Kit);
        await PublishAsync(t.Kit, runId);

        var message = await RefusalAsync(() => PublishAsync(t.Kit, runId));

        Assert.Equal("These pairs are published already. Run pairing again to pair the people still unpaired.", message);
        Assert.Single(await app.PairsOfAsync(t.Kit.ProgramId));
    }

    [Fact]
    public async Task A_run_older_than_the_latest_is_not_published()
    {
        var t = await TwoAsync();
        var old = await app.RunAsync(t.Kit);
        await app.RunAsync(t.Kit);

        Assert.Equal(PublishPairing.StaleMessage, await RefusalAsync(() => PublishAsync(t.Kit, old)));
        Assert.Empty(await app.PairsOfAsync(t.Kit.ProgramId));
    }

    [Fact]
    public async Task A_run_is_not_published_once_one_of_its_people_withdrew()
    {
        var t = await TwoAsync();
        var runId = await app.RunAsync(t.Kit);
        await app.ExecuteDbContextAsync(async db =>
        {
            var mentee = await db.Enrolments.SingleAsync(e => e.Id == t.Mentee);
            mentee.Withdraw(mentee.UserId, null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        Assert.Equal(PublishPairing.StaleMessage, await RefusalAsync(() => PublishAsync(t.Kit, runId)));
        Assert.Empty(await app.PairsOfAsync(t.Kit.ProgramId));
    }

    [Fact]
    public async Task A_run_is_not_published_once_its_mentee_was_paired_meanwhile()
    {
        var kit = await app.BoardAsync();
        var mentor = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));
        var other = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillB, Unique("Mentor"));
        var mentee = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        var runId = await app.RunAsync(kit);
        await app.AddPairAsync(kit, other, mentee, PairStatus.Proposed);

        Assert.Equal(PublishPairing.StaleMessage, await RefusalAsync(() => PublishAsync(kit, runId)));
        Assert.DoesNotContain(await app.PairsOfAsync(kit.ProgramId), p => p.MentorEnrolmentId == mentor);
    }

    [Fact]
    public async Task Of_two_publishes_from_the_same_board_only_the_first_is_saved()
    {
        var t = await TwoAsync();
        var runId = await app.RunAsync(t.Kit);
        var version = await app.ProgramVersionAsync(t.Kit.ProgramId);
        await PublishAsync(t.Kit, runId, version);

        var message = await RefusalAsync(() => PublishAsync(t.Kit, runId, version));

        Assert.Equal(PublishPairing.ConflictMessage, message);
        Assert.Single(await app.PairsOfAsync(t.Kit.ProgramId));
        Assert.Single(MailsMentioning($"paired with {t.MenteeName}"));
    }

    [Fact]
    public async Task Of_two_publishes_racing_exactly_one_set_of_pairs_is_saved()
    {
        var t = await TwoAsync();
        var runId = await app.RunAsync(t.Kit);
        var version = await app.ProgramVersionAsync(t.Kit.ProgramId);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                await PublishAsync(t.Kit, runId, version);
                return "published";
            }
            catch (RequestValidationException refused)
            {
                return refused.Failures.Single().ErrorMessage;
            }
            catch (Exception busy) when (busy is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
            {
                // SQLite lets one writer in at a time; a writer that gives up has saved nothing.
                return "busy";
            }
        }));

        Assert.Single(outcomes, o => o == "published");
        Assert.Single(await app.PairsOfAsync(t.Kit.ProgramId));
    }

    [Fact]
    public async Task A_run_is_not_published_once_the_program_was_edited_since_the_board_was_loaded()
    {
        var t = await TwoAsync();
        var runId = await app.RunAsync(t.Kit);
        var version = await app.ProgramVersionAsync(t.Kit.ProgramId);
        await app.ExecuteDbContextAsync(async db =>
        {
            (await db.Programs.SingleAsync(p => p.Id == t.Kit.ProgramId)).Matching.MinimumScorePercent = 95;
            await db.SaveChangesAsync();
        });

        Assert.Equal(PublishPairing.StaleMessage, await RefusalAsync(() => PublishAsync(t.Kit, runId, version)));
        Assert.Empty(await app.PairsOfAsync(t.Kit.ProgramId));
    }

    [Fact]
    public async Task Running_needs_an_accepted_pair_from_the_board()
    {
        var t = await TwoAsync();
        await PublishAsync(t.Kit, await app.RunAsync(t.Kit));
        var move = async () => await app.SendAsync(new ChangeProgramStatus.Command { Id = t.Kit.ProgramId, To = ProgramStatus.Running, Version = await app.ProgramVersionAsync(t.Kit.ProgramId) }, t.Kit.Coordinator);

        Assert.Equal("Publish pairs and have at least one pair accepted before you start running the program.", await RefusalAsync(move));

        await app.ExecuteDbContextAsync(async db =>
        {
            var pair = await db.Pairs.Include(p => p.MentorEnrolment).Include(p => p.MenteeEnrolment).SingleAsync(p => p.ProgramId == t.Kit.ProgramId);
            pair.Accept(ParticipantRole.Mentor, DateTime.UtcNow);
            pair.Accept(ParticipantRole.Mentee, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        await move();
        Assert.Equal(ProgramStatus.Running, await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == t.Kit.ProgramId).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_board_shows_the_proposal_and_publishes_it_from_the_page()
    {
        var t = await TwoAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{t.Kit.ProgramId}/Pairing";

        Assert.Contains("No pairing run yet.", await client.GetHtmlAsync(url), StringComparison.Ordinal);

        var ran = await client.PostFormAsync($"{url}?handler=Run", []);
        Assert.Equal(HttpStatusCode.Redirect, ran.StatusCode);
        var html = await client.GetHtmlAsync(url);
        Assert.Contains(t.MentorName, html, StringComparison.Ordinal);
        Assert.Contains(t.MenteeName, html, StringComparison.Ordinal);
        Assert.Contains("Publish these pairs", html, StringComparison.Ordinal);

        var (run, _) = await app.LatestPairingRunAsync(t.Kit.ProgramId);
        var published = await client.PostFormAsync($"{url}?handler=Publish", new()
        {
            ["Publish.RunId"] = run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Publish.Version"] = (await app.ProgramVersionAsync(t.Kit.ProgramId)).ToString(),
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Single(await app.PairsOfAsync(t.Kit.ProgramId));
        Assert.Contains("No answer yet", await client.GetHtmlAsync(url), StringComparison.Ordinal);

        var again = await client.PostFormAsync($"{url}?handler=Publish", new()
        {
            ["Publish.RunId"] = run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Publish.Version"] = Guid.NewGuid().ToString(),
        }, url);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Another coordinator published pairs for this program a moment ago.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_says_when_nobody_is_approved_yet()
    {
        var kit = await app.BoardAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        Assert.Contains("No approved people to pair yet.", await client.GetHtmlAsync($"/Programs/{kit.ProgramId}/Pairing"), StringComparison.Ordinal);
    }

    public static TheoryData<string> NotCoordinators => [Roles.Mentor, Roles.Mentee, Roles.Leadership];

    [Theory]
    [MemberData(nameof(NotCoordinators))]
    public async Task Only_coordinators_may_use_the_pairing_board(string role)
    {
        var t = await TwoAsync();
        var runId = await app.RunAsync(t.Kit);
        var user = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);
        var id = t.Kit.ProgramId;

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RunPairing.Command { ProgramId = id }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new PublishPairing.Command { ProgramId = id, RunId = runId }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new PinPair.Command { ProgramId = id, MentorEnrolmentId = t.Mentor, MenteeEnrolmentId = t.Mentee }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new BanPair.Command { ProgramId = id, MentorEnrolmentId = t.Mentor, MenteeEnrolmentId = t.Mentee }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RemovePairingRule.Command { ProgramId = id, RuleId = 1 }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new SwapPairs.Command { ProgramId = id, RunId = runId, MenteeEnrolmentId = t.Mentee, WithMenteeEnrolmentId = t.Mentee }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new PairingBoard.Query(id), user));
        Assert.Empty(await app.PairsOfAsync(t.Kit.ProgramId));
        Assert.Empty(await app.PairingRulesAsync(t.Kit.ProgramId));
    }

    [Fact]
    public async Task A_mentor_opening_the_board_is_sent_to_access_denied()
    {
        var kit = await app.BoardAsync();
        var client = await app.SignedInClientAsync(Roles.Mentor);

        var response = await client.GetAsync(new Uri($"/Programs/{kit.ProgramId}/Pairing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

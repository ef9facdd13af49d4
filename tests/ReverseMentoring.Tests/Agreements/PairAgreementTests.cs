using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Agreements;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Agreements;

public sealed class PairAgreementTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static SignAgreement.Command Sign(TestPair pair, int version) => new() { PairId = pair.Id, Version = version };

    private static ProposeRevision.Command Revision(TestPair pair, int basedOn, string learns, string teaches = "Patience with new tools.") => new()
    {
        PairId = pair.Id,
        BasedOn = basedOn,
        Cadence = "Every two weeks, 45 minutes.",
        Cancelling = "A day ahead, by message.",
        Learns = learns,
        Teaches = teaches,
    };

    private Task<PairAgreement?> SavedAsync(int pairId) =>
        app.ExecuteDbContextAsync(db => PairAgreements.LoadAsync(db.PairAgreements.AsNoTracking(), pairId, CancellationToken.None));

    [Fact]
    public async Task Both_sides_sign_the_programs_template_as_version_1_and_it_is_signed_by_both()
    {
        var pair = await app.PairAsync();

        var firstDone = await app.SendAsync(Sign(pair, 1), pair.Mentor.As);
        var bothDone = await app.SendAsync(Sign(pair, 1), pair.Mentee.As);

        Assert.False(firstDone);
        Assert.True(bothDone);
        var saved = (await SavedAsync(pair.Id))!;
        var version = Assert.Single(saved.Versions);
        Assert.Equal(AgreementTemplate.DefaultGroundRules, version.GroundRules);
        Assert.Equal([ParticipantRole.Mentor, ParticipantRole.Mentee], version.Signatures.OrderBy(s => s.SignedAtUtc).ThenBy(s => s.Id).Select(s => s.Side));
        Assert.NotNull(saved.SignedByBothAtUtc);
        var state = await app.ExecuteDbContextAsync(db => PairAgreements.StateAsync(db, pair.Id, CancellationToken.None));
        Assert.True(state.IsSignedByBoth);
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public async Task Signing_twice_is_refused_with_a_clear_message_and_adds_no_signature()
    {
        var pair = await app.PairAsync();
        await app.SendAsync(Sign(pair, 1), pair.Mentee.As);

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(Sign(pair, 1), pair.Mentee.As), "");

        Assert.Equal(PairAgreement.SignedAlreadyMessage, refusal);
        Assert.Single((await SavedAsync(pair.Id))!.Versions.Single().Signatures);
    }

    [Fact]
    public async Task A_revision_is_a_new_version_both_sign_again_and_the_old_versions_stay()
    {
        var pair = await app.PairAsync();
        await app.SendAsync(Sign(pair, 1), pair.Mentor.As);
        await app.SendAsync(Sign(pair, 1), pair.Mentee.As);

        var number = await app.SendAsync(Revision(pair, 1, "Using AI assistants for my board papers."), pair.Mentee.As);

        Assert.Equal(2, number);
        var saved = (await SavedAsync(pair.Id))!;
        Assert.Equal([1, 2], saved.Versions.OrderBy(v => v.Number).Select(v => v.Number));
        var first = saved.Versions.Single(v => v.Number == 1);
        Assert.Equal(2, first.Signatures.Count);
        Assert.Equal("", first.MenteeLearns);
        var current = saved.Current;
        Assert.Empty(current.Signatures);
        Assert.Null(saved.SignedByBothAtUtc);
        Assert.Equal((pair.Mentee.User.Id, ParticipantRole.Mentee), (current.ProposedByUserId, current.ProposedBySide));
        Assert.Equal(("Using AI assistants for my board papers.", "Patience with new tools.", "", ""),
            (current.MenteeLearns, current.MenteeTeaches, current.MentorLearns, current.MentorTeaches));
        Assert.Equal("Every two weeks, 45 minutes.", current.Cadence);

        // The version both signed before is no longer the one in force.
        var refusal = await TestData.RefusalAsync(() => app.SendAsync(Sign(pair, 1), pair.Mentor.As), "");
        Assert.Equal(PairAgreement.NotCurrentMessage, refusal);
        Assert.Empty((await SavedAsync(pair.Id))!.Current.Signatures);
        Assert.False((await app.ExecuteDbContextAsync(db => PairAgreements.StateAsync(db, pair.Id, CancellationToken.None))).IsSignedByBoth);
    }

    [Fact]
    public async Task A_revision_from_an_older_version_or_one_that_changes_nothing_is_refused()
    {
        var pair = await app.PairAsync();
        await app.SendAsync(Revision(pair, 1, "Prompting."), pair.Mentee.As);

        var stale = await TestData.RefusalAsync(() => app.SendAsync(Revision(pair, 1, "Spreadsheets."), pair.Mentor.As), "");
        var same = await TestData.RefusalAsync(() => app.SendAsync(Revision(pair, 2, "Prompting."), pair.Mentee.As), "");

        Assert.Equal(ProposeRevision.ChangedMeanwhileMessage, stale);
        Assert.Equal(PairAgreement.NothingChangedMessage, same);
        Assert.Equal([1, 2], (await SavedAsync(pair.Id))!.Versions.Select(v => v.Number).Order());
    }

    [Fact]
    public async Task Too_long_text_is_refused_next_to_the_field_and_nothing_is_saved()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentor.User);
        var url = $"/Participant/Pairs/{pair.Id}/Agreement";

        var response = await client.PostFormAsync(url + "?handler=Propose", new()
        {
            ["Revision.BasedOn"] = "1",
            ["Revision.Cadence"] = "Monthly.",
            ["Revision.Cancelling"] = "",
            ["Revision.Learns"] = new string('x', AgreementTerms.TermMaxLength + 1),
            ["Revision.Teaches"] = "Short videos.",
        }, url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("At most 1,000 characters; shorten it.", HttpClientForms.FieldError(html, "Revision.Learns"));
        Assert.Equal("Say how either of you cancels a session.", HttpClientForms.FieldError(html, "Revision.Cancelling"));
        Assert.Null(await SavedAsync(pair.Id));
    }

    [Fact]
    public async Task Either_side_signs_through_the_page_which_says_hr_never_reads_it()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentee.User);
        var url = $"/Participant/Pairs/{pair.Id}/Agreement";

        var before = await client.GetHtmlAsync(url);
        var response = await client.PostFormAsync(url + "?handler=Sign", new() { ["Signature.Version"] = "1" }, url);
        var after = await client.GetHtmlAsync(url);

        Assert.Contains("HR sees only whether you have both signed it and when, never what it says.", before, StringComparison.Ordinal);
        Assert.Contains("Sign version 1", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("You have signed; waiting for", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign version 1", after, StringComparison.Ordinal);
        Assert.Equal(pair.Mentee.User.Id, (await SavedAsync(pair.Id))!.Current.Signatures.Single().UserId);
    }

    [Fact]
    public async Task Another_pairs_agreement_is_not_found_and_cannot_be_signed_or_revised()
    {
        var mine = await app.PairAsync();
        var theirs = await app.PairAsync();
        var client = await app.SignedInClientAsync(mine.Mentor.User);

        var page = await client.GetAsync(new Uri($"/Participant/Pairs/{theirs.Id}/Agreement", UriKind.Relative));
        var post = await client.PostFormAsync($"/Participant/Pairs/{theirs.Id}/Agreement?handler=Sign", new() { ["Signature.Version"] = "1" },
            $"/Participant/Pairs/{mine.Id}/Agreement");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Sign(theirs, 1), mine.Mentor.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Revision(theirs, 1, "Anything."), mine.Mentor.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ViewAgreement.StateQuery(theirs.Id), mine.Mentor.As));
        Assert.Null(await SavedAsync(theirs.Id));
    }

    [Fact]
    public async Task Hr_sees_whether_and_when_the_pair_signed_but_never_the_text()
    {
        var pair = await app.PairAsync();
        const string secret = "How to say no to my own board without losing face.";
        await app.SendAsync(Revision(pair, 1, secret), pair.Mentee.As);
        await app.SendAsync(Sign(pair, 2), pair.Mentee.As);
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);
        var hrClient = await app.SignedInClientAsync(hr);

        var unsigned = await hrClient.GetHtmlAsync($"/Programs/{pair.ProgramId}/Pairs/{pair.Id}");
        await app.SendAsync(Sign(pair, 2), pair.Mentor.As);
        var signed = await hrClient.GetHtmlAsync($"/Programs/{pair.ProgramId}/Pairs/{pair.Id}");
        var participantPage = await hrClient.GetAsync(new Uri($"/Participant/Pairs/{pair.Id}/Agreement", UriKind.Relative));

        Assert.Contains("not yet signed by both.", unsigned, StringComparison.Ordinal);
        Assert.Contains("signed by both (version 2) on", signed, StringComparison.Ordinal);
        Assert.DoesNotContain("board without losing face", signed, StringComparison.Ordinal);
        Assert.DoesNotContain("board without losing face", unsigned, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, participantPage.StatusCode);
        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new ViewAgreement.Query(pair.Id), AppFactory.PrincipalFor(hr, Roles.HrCoordinator)));
        var audited = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(PairAgreementVersion)).ToListAsync());
        Assert.NotEmpty(audited);
        Assert.All(audited, a => Assert.DoesNotContain("losing face", a.Changes, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Awaiting_my_signature_lists_my_active_pairs_I_have_not_signed_including_those_without_an_agreement()
    {
        var mentor = await app.PersonAsync(Roles.Mentor, "Alex Awaiting");
        var program = await app.ProgramAsync(ProgramStatus.Running);
        var untouched = await app.PairAsync(program, mentor: mentor);
        var signedByMe = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Running), mentor: mentor);
        var signedByPartner = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Running), mentor: mentor);
        var ended = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Running), PairStatus.Ended, mentor: mentor);
        await app.SendAsync(Sign(signedByMe, 1), mentor.As);
        await app.SendAsync(Sign(signedByPartner, 1), signedByPartner.Mentee.As);

        var awaiting = await app.ExecuteDbContextAsync(db => PairAgreements.AwaitingMySignatureAsync(db, mentor.Id, CancellationToken.None));
        var partnerAwaiting = await app.ExecuteDbContextAsync(db => PairAgreements.AwaitingMySignatureAsync(db, signedByPartner.Mentee.Id, CancellationToken.None));

        Assert.Equal(new[] { untouched.Id, signedByPartner.Id }.Order(), awaiting);
        Assert.DoesNotContain(ended.Id, awaiting);
        Assert.Empty(partnerAwaiting);
    }

    [Fact]
    public async Task The_schedule_page_warns_until_both_have_signed_but_still_schedules()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentor.User);
        var url = $"/Participant/Sessions/Schedule?pairId={pair.Id}";

        var before = await client.GetHtmlAsync(url);
        await app.SendAsync(Sign(pair, 1), pair.Mentor.As);
        var half = await client.GetHtmlAsync(url);
        await app.SendAsync(Sign(pair, 1), pair.Mentee.As);
        var after = await client.GetHtmlAsync(url);

        Assert.Contains("id=\"agreement-warning\"", before, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\"", before, StringComparison.Ordinal);
        Assert.Contains("id=\"agreement-warning\"", half, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"agreement-warning\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ended_pair_shows_its_agreement_but_can_no_longer_sign_it()
    {
        var pair = await app.PairAsync(status: PairStatus.Ended);

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(Sign(pair, 1), pair.Mentor.As), "");
        var page = await (await app.SignedInClientAsync(pair.Mentor.User)).GetHtmlAsync($"/Participant/Pairs/{pair.Id}/Agreement");

        Assert.Equal("Only a confirmed pair that has not ended can change or sign its agreement.", refusal);
        Assert.Contains("This pair has ended; its agreement can no longer change.", page, StringComparison.Ordinal);
        Assert.Null(await SavedAsync(pair.Id));
    }
}

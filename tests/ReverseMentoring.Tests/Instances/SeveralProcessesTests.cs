using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Infrastructure;
using Xunit.Abstractions;

namespace ReverseMentoring.Tests.Instances;

/// <summary>
/// Two real processes of the app (<c>dotnet ReverseMentoring.Web.dll</c>) behind a "load balancer" that alternates
/// between them: a browser's requests go to one and then the other, with one cookie jar. What one process does, the
/// other honours; killing one in the middle of writes loses nothing acknowledged and sends no e-mail twice.
/// </summary>
public sealed class SeveralProcessesTests(TwoProcesses processes, ITestOutputHelper log) : IClassFixture<TwoProcesses>
{
    [PostgreSqlFact]
    public async Task Signing_in_on_one_process_is_recognised_by_the_other_and_its_forms_are_accepted_there()
    {
        var cookies = new CookieContainer();
        using var first = processes.First.Client(cookies);
        using var second = processes.Second.Client(cookies);

        await processes.First.SignInAsync(first);

        // Signed out, the page would send the browser to the sign-in page.
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(new Uri("/Programs", UriKind.Relative))).StatusCode);

        var name = $"Skill {Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.BadRequest, (await AddSkillAsync(second, "forged", name)).StatusCode);
        var token = await first.TokenAsync("/Skills/Create");
        Assert.Equal(HttpStatusCode.Redirect, (await AddSkillAsync(second, token, name)).StatusCode);

        await using var db = processes.Database();
        Assert.Equal(1, await db.Skills.CountAsync(s => s.Name == name));
    }

    [PostgreSqlFact]
    public async Task Invitations_made_on_one_process_and_reminders_due_on_both_are_each_sent_once_while_both_run_every_job()
    {
        var cookies = new CookieContainer();
        using var first = processes.First.Client(cookies);
        using var second = processes.Second.Client(cookies);
        await processes.Second.SignInAsync(second);
        var program = await CreateProgramAsync(first);

        // More than are sent while HR waits: they go out in the background of the second process, while both processes'
        // outbox senders and reminder jobs run.
        var invited = Enumerable.Range(0, Outbox.SentWhileWaiting + 10).Select(i => $"invited-{i}-{Guid.NewGuid():N}@example.com").ToList();
        var token = await first.TokenAsync($"/Programs/{program}/Invitations");
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(second, token, program, invited)).StatusCode);

        var everyone = invited.Concat(processes.DueForReminder).ToList();
        await TwoProcesses.UntilAsync(async () =>
        {
            await using var db = processes.Database();
            return everyone.All(email => processes.MailsTo(email) > 0)
                && !await db.OutboxMessages.AnyAsync(m => everyone.Contains(m.Recipient) && m.SentAtUtc == null);
        }, "every invitation and reminder sent", () => processes.First.Output + processes.Second.Output);

        Assert.All(everyone, email => Assert.Equal(1, processes.MailsTo(email)));
    }

    [PostgreSqlFact]
    public async Task Killing_one_process_mid_write_loses_no_acknowledged_invitation_and_sends_each_of_their_e_mails_once()
    {
        var cookies = new CookieContainer();
        using var first = processes.First.Client(cookies);
        using var second = processes.Second.Client(cookies);
        await processes.First.SignInAsync(first);
        var program = await CreateProgramAsync(second);
        var token = await second.TokenAsync($"/Programs/{program}/Invitations");

        var acknowledged = new ConcurrentBag<string[]>();
        var unknown = new ConcurrentBag<string[]>();
        var secondDown = false;
        var stopping = false;
        var turn = 0;
        var inFlightOnSecond = 0;

        // Each write invites two people: two invitation rows, their audit rows and two queued e-mails, in one transaction.
        var writers = Enumerable.Range(0, 3).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !Volatile.Read(ref stopping); i++)
            {
                string[] people = [$"w{writer}-{i}-a-{Guid.NewGuid():N}@example.com", $"w{writer}-{i}-b-{Guid.NewGuid():N}@example.com"];
                var onSecond = !Volatile.Read(ref secondDown) && Interlocked.Increment(ref turn) % 2 == 0;
                if (onSecond)
                {
                    Interlocked.Increment(ref inFlightOnSecond);
                }

                try
                {
                    var response = await InviteAsync(onSecond ? second : first, token, program, people);
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    acknowledged.Add(people);
                }
                catch (HttpRequestException) when (onSecond)
                {
                    // The second process was killed with this write in flight (or had gone): it may or may not be saved.
                    unknown.Add(people);
                }
                finally
                {
                    if (onSecond)
                    {
                        Interlocked.Decrement(ref inFlightOnSecond);
                    }
                }

                // A pause between writes, as people take: the machine's cores are left to the process starting again.
                await Task.Delay(100);
            }
        })).ToList();

        async Task AcknowledgedAtLeast(int count, string what) => await TwoProcesses.UntilAsync(async () =>
        {
            if (writers.FirstOrDefault(w => w.IsFaulted) is { } failed)
            {
                await failed;
            }

            return acknowledged.Count >= count;
        }, what);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string what) => log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s  {what}: {acknowledged.Count} writes acknowledged, {unknown.Count} cut off");
        await AcknowledgedAtLeast(10, "writes on both processes");
        await TwoProcesses.UntilAsync(() => Task.FromResult(Volatile.Read(ref inFlightOnSecond) > 0), "a write in flight on the second process");
        processes.Second.Kill();
        Volatile.Write(ref secondDown, true);
        Step("second process killed");

        await AcknowledgedAtLeast(acknowledged.Count + 10, "writes on the first process alone");
        await processes.Second.StartAsync();
        Volatile.Write(ref secondDown, false);
        Step("second process started again");

        await AcknowledgedAtLeast(acknowledged.Count + 10, "writes on both processes after the restart");
        Volatile.Write(ref stopping, true);
        await Task.WhenAll(writers);
        Step("writers stopped");

        // The e-mails of acknowledged writes were sent before the answer, unless the other process's sender took them.
        var sure = acknowledged.SelectMany(people => people).ToList();
        await TwoProcesses.UntilAsync(async () =>
        {
            await using var db = processes.Database();
            return sure.All(email => processes.MailsTo(email) > 0)
                && !await db.OutboxMessages.AnyAsync(m => sure.Contains(m.Recipient) && m.SentAtUtc == null);
        }, "the e-mails of every acknowledged write sent", () => processes.First.Output + processes.Second.Output);

        Step("every acknowledged write's e-mails sent");
        await using var db = processes.Database();
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.ProgramId == program).ToListAsync();
        var keys = invitations.Select(i => InvitationMail.FirstKey(i.Id)).ToList();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.Key)).ToListAsync();
        var ids = invitations.Select(i => i.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var audited = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Invitation) && a.Action == "Added" && ids.Contains(a.EntityId)).Select(a => a.EntityId).ToListAsync();
        var written = acknowledged.Concat(unknown).SelectMany(people => people).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(sure, email => Assert.Single(invitations, i => i.Email == email));
        Assert.All(invitations, invitation =>
        {
            Assert.Contains(invitation.Email, written);
            Assert.Single(messages, m => m.Key == InvitationMail.FirstKey(invitation.Id) && m.Recipient == invitation.Email);
            Assert.Single(audited, id => id == invitation.Id.ToString(CultureInfo.InvariantCulture));
        });

        // A write cut off by the kill is saved whole or not at all.
        Assert.All(unknown, people => Assert.True(
            people.All(email => invitations.Any(i => i.Email == email)) || !people.Any(email => invitations.Any(i => i.Email == email)),
            $"Half of the write inviting {string.Join(" and ", people)} was saved."));

        Assert.All(sure, email => Assert.Equal(1, processes.MailsTo(email)));

        // A message the killed process had claimed waits for its claim to run out (OutboxDelivery.ClaimFor); never twice.
        Assert.All(unknown.SelectMany(people => people), email => Assert.InRange(processes.MailsTo(email), 0, 1));
    }

    [PostgreSqlFact]
    public async Task Pairs_published_on_one_process_while_both_run_their_jobs_and_the_check_ins_and_digests_due_are_each_e_mailed_once()
    {
        // More e-mails than are sent while HR waits: the rest go out in the background while both outbox senders run.
        const int pairs = (Outbox.SentWhileWaiting / 2) + 2;
        var (program, mentors, mentees) = await MatchingProgramAsync(pairs);
        var cookies = new CookieContainer();
        using var first = processes.First.Client(cookies);
        using var second = processes.Second.Client(cookies);
        await processes.Second.SignInAsync(second);

        // As HR does it on the pairing board: run pairing, ask to publish, confirm what the page shows.
        var board = $"/Programs/{program.Id}/Pairing";
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync($"{board}?handler=Run", [], board)).StatusCode);
        var confirm = await first.GetHtmlAsync($"{board}?publish=true");
        var published = await first.PostFormAsync($"{board}?handler=Publish", new()
        {
            ["Publish.RunId"] = HiddenValue(confirm, "Publish.RunId"),
            ["Publish.Version"] = HiddenValue(confirm, "Publish.Version"),
        }, $"{board}?publish=true");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        await using (var db = processes.Database())
        {
            var saved = await db.Pairs.AsNoTracking().Where(p => p.ProgramId == program.Id)
                .Select(p => new { Mentor = p.MentorEnrolment!.User!.Email, Mentee = p.MenteeEnrolment!.User!.Email }).ToListAsync();
            Assert.Equal(pairs, saved.Count);
            Assert.Equal(mentors.Order(), saved.Select(p => p.Mentor!).Order());
            Assert.Equal(mentees.Order(), saved.Select(p => p.Mentee!).Order());
        }

        // The pair e-mails, and what both processes' jobs found due when they started (TwoProcesses), one each.
        var toMentor = $"Your mentee in {program.Name}";
        var toMentee = $"Your mentor in {program.Name}";
        await processes.SentOnceEachAsync(log,
            new("the pair e-mail to each mentor", mentors, subject => subject == toMentor),
            new("the pair e-mail to each mentee", mentees, subject => subject == toMentee),
            new("\"have you met yet?\" to each side of each pair due", processes.DueForCheckIn, subject => subject.StartsWith("Have you met ", StringComparison.Ordinal)),
            new("the daily digest to each coordinator due", processes.DueForDigest, subject => subject.StartsWith("Your daily summary: ", StringComparison.Ordinal)));

        // Nothing else reached the people paired: no e-mail of the publish went twice under another subject.
        Assert.All(mentors.Concat(mentees), email => Assert.Equal(1, processes.MailsTo(email)));

        // One check-in row per side: the one e-mailed.
        await using var after = processes.Database();
        var checkedIn = await after.CheckIns.AsNoTracking().Where(c => c.Kind == CheckInKind.HaveYouMet)
            .Join(after.Users, c => c.UserId, u => u.Id, (c, u) => u.Email!).ToListAsync();
        Assert.Equal(processes.DueForCheckIn.Order(), checkedIn.Order());
    }

    private static async Task<HttpResponseMessage> AddSkillAsync(HttpClient process, string token, string name)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Data.Name"] = name,
            ["Data.Description"] = "Added through the other process.",
        });
        return await process.PostAsync(new Uri("/Skills/Create", UriKind.Relative), form);
    }

    private static async Task<HttpResponseMessage> InviteAsync(HttpClient process, string token, int program, IEnumerable<string> people)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Data.Emails"] = string.Join('\n', people),
            ["Data.DefaultRole"] = Roles.Mentee,
        });
        return await process.PostAsync(new Uri($"/Programs/{program}/Invitations", UriKind.Relative), form);
    }

    /// <summary>A program in matching with as many approved mentors as mentees, each of whom any of the others suits.</summary>
    private async Task<(MentoringProgram Program, List<string> Mentors, List<string> Mentees)> MatchingProgramAsync(int pairs)
    {
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        await using var db = processes.Database();
        var program = new MentoringProgram
        {
            Name = $"Publish {Guid.NewGuid():N}",
            Objectives = "Pairs published on one process while the other runs its jobs.",
            StartsOn = today.AddDays(10),
            EndsOn = today.AddDays(190),
            EnrolmentOpensOn = today.AddDays(-30),
            EnrolmentClosesOn = today.AddDays(-1),
            SessionCadenceDays = 14,
            Formats = SessionFormats.Virtual,
            MentorCapacity = 1,
            Status = ProgramStatus.Matching,
            CreatedAtUtc = now.AddDays(-30),
        };
        db.Programs.Add(program);
        var mentors = Enumerable.Range(0, pairs)
            .Select(i => TwoProcesses.Enrol(db, program, TwoProcesses.Account(db, $"Publish mentor {i}", now), ParticipantRole.Mentor, EnrolmentStatus.Approved, now))
            .ToList();
        var mentees = Enumerable.Range(0, pairs)
            .Select(i => TwoProcesses.Enrol(db, program, TwoProcesses.Account(db, $"Publish mentee {i}", now), ParticipantRole.Mentee, EnrolmentStatus.Approved, now))
            .ToList();
        await db.SaveChangesAsync();
        return (program, mentors.Select(e => e.User!.Email!).ToList(), mentees.Select(e => e.User!.Email!).ToList());
    }

    /// <summary>The value of a hidden field of a form on the page.</summary>
    private static string HiddenValue(string html, string name)
    {
        var field = Regex.Match(html, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(field.Success, $"No {name} on the page.");
        return WebUtility.HtmlDecode(field.Groups[1].Value);
    }

    /// <summary>A program of the test's own, made through the real form; returns its id.</summary>
    private async Task<int> CreateProgramAsync(HttpClient process)
    {
        var name = $"Processes {Guid.NewGuid():N}";
        var response = await process.PostFormAsync("/Programs/Create", TestData.ProgramFormFields(name, "Invitations written through two processes.", ["Invitations"]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = processes.Database();
        return await db.Programs.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }
}

using ReverseMentoring.Web.Features.KnowledgeSharing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.KnowledgeSharing;

public sealed class SignUpForKnowledgeSessionTests(KnowledgeApp app) : IClassFixture<KnowledgeApp>
{
    private DateTime NextWeek => app.UtcNow.AddDays(7);

    private Task<SignUpForKnowledgeSession.SignUpResult> SignUpAsync(int id, Person person) =>
        app.SendAsync(new SignUpForKnowledgeSession.Command { SessionId = id }, person.As);

    [Fact]
    public async Task A_senior_takes_a_seat_and_gets_one_confirmation_with_a_calendar_file()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), NextWeek, capacity: 3);
        var senior = await app.SeniorAsync(program);

        var result = await SignUpAsync(id, senior);

        Assert.False(result.WaitListed);
        var seat = Assert.Single((await app.SavedKnowledgeAsync(id)).Seats);
        Assert.Equal((senior.Id, KnowledgeSeatState.Booked), (seat.UserId, seat.State));
        var mail = Assert.Single(await app.QueuedAsync($"knowledge:{id}:seat:{senior.Id}:"));
        Assert.Equal(senior.Email, mail.Recipient);
        Assert.Equal($"knowledge-session-{id}.ics", mail.AttachmentFileName);
    }

    [Fact]
    public async Task Signing_up_twice_is_refused_and_keeps_one_seat_and_one_e_mail()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), NextWeek);
        var senior = await app.SeniorAsync(program);
        await SignUpAsync(id, senior);

        var refusal = await RefusalAsync(() => SignUpAsync(id, senior), "");

        Assert.Equal(KnowledgeSession.TwiceMessage, refusal);
        Assert.Single((await app.SavedKnowledgeAsync(id)).Seats);
        Assert.Single(await app.QueuedAsync($"knowledge:{id}:seat:"));
    }

    [Fact]
    public async Task Past_capacity_a_senior_joins_the_wait_list_in_order_and_is_told_their_place()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), NextWeek, capacity: 1);
        await SignUpAsync(id, await app.SeniorAsync(program));
        var second = await app.SeniorAsync(program);
        var third = await app.SeniorAsync(program);

        var secondResult = await SignUpAsync(id, second);
        var thirdResult = await SignUpAsync(id, third);

        Assert.Equal((true, (int?)1), (secondResult.WaitListed, secondResult.Position));
        Assert.Equal((true, (int?)2), (thirdResult.WaitListed, thirdResult.Position));
        var saved = await app.SavedKnowledgeAsync(id);
        Assert.Equal(1, saved.BookedCount);
        Assert.Equal(2, saved.Seats.Count(s => s.State == KnowledgeSeatState.WaitListed));
        Assert.Empty(await app.QueuedAsync($"knowledge:{id}:seat:{second.Id}"));
    }

    [Fact]
    public async Task Giving_up_a_booked_seat_gives_it_to_the_first_in_line_who_is_e_mailed_once()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), NextWeek, capacity: 1);
        var first = await app.SeniorAsync(program);
        var second = await app.SeniorAsync(program);
        var third = await app.SeniorAsync(program);
        foreach (var person in new[] { first, second, third })
        {
            await SignUpAsync(id, person);
        }

        await app.SendAsync(new GiveUpKnowledgeSeat.Command { SessionId = id }, first.As);

        var saved = await app.SavedKnowledgeAsync(id);
        Assert.Equal(KnowledgeSeatState.Cancelled, saved.Seats.Single(s => s.UserId == first.Id).State);
        Assert.Equal(KnowledgeSeatState.Booked, saved.Seats.Single(s => s.UserId == second.Id).State);
        Assert.Equal(1, saved.WaitListPlace(third.Id));
        var promoted = Assert.Single(await app.QueuedAsync($"knowledge:{id}:promoted:"));
        Assert.Equal(second.Email, promoted.Recipient);
    }

    [Fact]
    public async Task Leaving_the_wait_list_promotes_nobody()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), NextWeek, capacity: 1);
        var first = await app.SeniorAsync(program);
        var second = await app.SeniorAsync(program);
        await SignUpAsync(id, first);
        await SignUpAsync(id, second);

        await app.SendAsync(new GiveUpKnowledgeSeat.Command { SessionId = id }, second.As);

        Assert.Equal(KnowledgeSeatState.Booked, (await app.SavedKnowledgeAsync(id)).Seats.Single(s => s.UserId == first.Id).State);
        Assert.Empty(await app.QueuedAsync($"knowledge:{id}:promoted:"));
    }

    [Fact]
    public async Task More_seats_let_the_wait_list_in_in_order_and_fewer_than_those_booked_are_refused()
    {
        var program = await app.ProgramAsync();
        var host = await app.JuniorAsync(program);
        var id = await app.KnowledgeSessionAsync(program, host, NextWeek, capacity: 2);
        var seniors = new List<Person>();
        for (var i = 0; i < 4; i++)
        {
            seniors.Add(await app.SeniorAsync(program));
            await SignUpAsync(id, seniors[^1]);
        }

        var refusal = await RefusalAsync(() => app.SendAsync(new ChangeKnowledgeCapacity.Command { SessionId = id, Capacity = 1 }, host.As), "Capacity");
        await app.SendAsync(new ChangeKnowledgeCapacity.Command { SessionId = id, Capacity = 3 }, host.As);

        Assert.Contains("2 seats are booked", refusal, StringComparison.Ordinal);
        var saved = await app.SavedKnowledgeAsync(id);
        Assert.Equal(KnowledgeSeatState.Booked, saved.Seats.Single(s => s.UserId == seniors[2].Id).State);
        Assert.Equal(KnowledgeSeatState.WaitListed, saved.Seats.Single(s => s.UserId == seniors[3].Id).State);
        Assert.Equal(seniors[2].Email, Assert.Single(await app.QueuedAsync($"knowledge:{id}:promoted:")).Recipient);
    }

    [Fact]
    public async Task Only_the_host_changes_the_seats()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), NextWeek, capacity: 2);
        var otherJunior = await app.JuniorAsync(program);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ChangeKnowledgeCapacity.Command { SessionId = id, Capacity = 5 }, otherJunior.As));
        Assert.Equal(2, (await app.SavedKnowledgeAsync(id)).Capacity);
    }

    [Fact]
    public async Task A_junior_a_senior_of_another_program_leadership_and_hr_cannot_sign_up()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), NextWeek);
        var junior = await app.JuniorAsync(program);

        // Someone holding both roles who is a junior in this program is not one of its seniors.
        var bothRoles = await app.PersonAsync(Roles.Mentee, alsoRole: Roles.Mentor);
        await app.EnrolAsync(program, bothRoles, ParticipantRole.Mentor);
        var outsider = await app.SeniorAsync(await app.ProgramAsync());

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => SignUpAsync(id, junior));
        Assert.Equal(KnowledgeRules.NotSeniorMessage, await RefusalAsync(() => SignUpAsync(id, bothRoles), ""));
        await Assert.ThrowsAsync<NotFoundException>(() => SignUpAsync(id, outsider));
        var leader = await app.PersonAsync(Roles.Leadership);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => SignUpAsync(id, leader));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => SignUpAsync(id, hr));
        Assert.Empty((await app.SavedKnowledgeAsync(id)).Seats);
    }

    [Fact]
    public async Task Nobody_signs_up_after_the_start_or_to_a_cancelled_session()
    {
        var program = await app.ProgramAsync();
        var host = await app.JuniorAsync(program);
        var started = await app.KnowledgeSessionAsync(program, host, app.UtcNow.AddMinutes(30));
        var cancelled = await app.KnowledgeSessionAsync(program, host, NextWeek);
        await app.SendAsync(new CancelKnowledgeSession.Command { SessionId = cancelled, Reason = "I am ill." }, host.As);
        var senior = await app.SeniorAsync(program);

        app.Clock.Now = KnowledgeApp.Now.AddHours(1);
        try
        {
            Assert.Equal(KnowledgeSession.StartedMessage, await RefusalAsync(() => SignUpAsync(started, senior), ""));
            Assert.Equal(KnowledgeSession.NotOpenMessage, await RefusalAsync(() => SignUpAsync(cancelled, senior), ""));
        }
        finally
        {
            app.Clock.Now = KnowledgeApp.Now;
        }
    }

    [Fact]
    public async Task Cancelling_e_mails_everyone_booked_once_and_nobody_waiting()
    {
        var program = await app.ProgramAsync();
        var host = await app.JuniorAsync(program);
        var id = await app.KnowledgeSessionAsync(program, host, NextWeek, capacity: 2);
        var seniors = new List<Person>();
        for (var i = 0; i < 3; i++)
        {
            seniors.Add(await app.SeniorAsync(program));
            await SignUpAsync(id, seniors[^1]);
        }

        var refusal = await RefusalAsync(() => app.SendAsync(new CancelKnowledgeSession.Command { SessionId = id, Reason = " " }, host.As), "Reason");
        await app.SendAsync(new CancelKnowledgeSession.Command { SessionId = id, Reason = "The room is gone." }, host.As);

        Assert.NotNull(refusal);
        Assert.Equal(KnowledgeSessionStatus.Cancelled, (await app.SavedKnowledgeAsync(id)).Status);
        var mails = await app.QueuedAsync($"knowledge:{id}:cancelled:");
        Assert.Equal(seniors.Take(2).Select(s => s.Email).Order(), mails.Select(m => m.Recipient).Order());
        Assert.All(seniors.Take(2), s => Assert.Contains("The room is gone.", Assert.Single(app.MailTo(s.Email), m => m.Subject?.StartsWith("Session cancelled", StringComparison.Ordinal) == true).TextBody ?? "", StringComparison.Ordinal));
        Assert.Equal(KnowledgeSession.NotOpenMessage,
            await RefusalAsync(() => app.SendAsync(new CancelKnowledgeSession.Command { SessionId = id, Reason = "Again." }, host.As), ""));
        Assert.Equal(2, (await app.QueuedAsync($"knowledge:{id}:cancelled:")).Count);
    }

    [Fact]
    public async Task The_calendar_file_is_for_a_booked_seat_or_the_host_only()
    {
        var program = await app.ProgramAsync();
        var host = await app.JuniorAsync(program);
        var id = await app.KnowledgeSessionAsync(program, host, NextWeek, capacity: 1);
        var booked = await app.SeniorAsync(program);
        var waiting = await app.SeniorAsync(program);
        await SignUpAsync(id, booked);
        await SignUpAsync(id, waiting);

        var file = await app.SendAsync(new KnowledgeCalendarFile.Query(id), booked.As);

        // Calendar lines longer than 75 characters are folded: a line break and a space.
        var text = file.Text.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains($"UID:knowledge-{id}@reversementoring", text, StringComparison.Ordinal);
        Assert.Contains(booked.Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("DTSTART:20270308T080000Z", text, StringComparison.Ordinal);
        await app.SendAsync(new KnowledgeCalendarFile.Query(id), host.As);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new KnowledgeCalendarFile.Query(id), waiting.As));
    }
}

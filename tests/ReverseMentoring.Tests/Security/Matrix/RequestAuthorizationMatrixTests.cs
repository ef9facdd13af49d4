using System.Collections;
using System.Reflection;
using System.Text;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.Security.Matrix.May;

namespace ReverseMentoring.Tests.Security.Matrix;

/// <summary>Who may send a request.</summary>
[Flags]
public enum May
{
    Nobody = 0,
    Hr = 1,
    Mentor = 2,
    Mentee = 4,
    Leadership = 8,

    /// <summary>[AnySignedInUser]: whoever is signed in; the handler filters what they see.</summary>
    AnySignedIn = 16,

    /// <summary>[AllowAnonymousRequest]: anyone, signed in or not.</summary>
    Anyone = 32,

    Participants = Mentor | Mentee,
}

/// <summary>
/// Every Mediator request of the app × every role and anonymous. <see cref="Table"/> IS THE SPECIFICATION: the
/// requests' audience attributes must say the same, so changing an attribute (or adding a request) fails here until
/// the table is changed on purpose. Each request is also sent, as a minimal instance, as each person: those the table
/// refuses get <see cref="RequestAuthorizationException"/>; the others get past authorization (validation or not-found
/// failures are fine).
/// </summary>
public sealed class RequestAuthorizationMatrixTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    /// <summary>Request (namespace under Features, slice, type) → who may send it.</summary>
    public static IReadOnlyDictionary<string, May> Table { get; } = new Dictionary<string, May>(StringComparer.Ordinal)
    {
        ["Account.ChangePassword.Command"] = AnySignedIn,
        ["Account.ChooseRole.Command"] = AnySignedIn,
        ["Account.ConfirmAddress.Command"] = Anyone,
        ["Account.Profile.Command"] = AnySignedIn,
        ["Account.Profile.Query"] = AnySignedIn,
        ["Account.Register.Command"] = Anyone,
        ["Account.Register.InviteQuery"] = Anyone,
        ["Account.SignInWithPassword.Command"] = Anyone,
        ["Account.SignInWithSingleSignOn.Command"] = Anyone,
        ["Agreements.EditAgreementTemplate.Command"] = Hr,
        ["Agreements.EditAgreementTemplate.Query"] = Hr,
        ["Agreements.ProposeRevision.Command"] = Participants,
        ["Agreements.SignAgreement.Command"] = Participants,
        ["Agreements.ViewAgreement.Query"] = Participants,
        ["Agreements.ViewAgreement.StateQuery"] = Participants,
        ["Audit.ExportAudit.Query"] = Hr,
        ["Audit.SearchAudit.Query"] = Hr,
        ["Audit.SearchAudit.ProgramsQuery"] = Hr,
        ["Chat.ConnectProgramChat.Command"] = Hr,
        ["Chat.DisconnectProgramChat.Command"] = Hr,
        ["Chat.ProgramChat.Query"] = Hr,
        ["Chat.ReminderChat.Command"] = Participants,
        ["Chat.ReminderChat.Query"] = Participants,
        ["Chat.SendProgramChatTest.Command"] = Hr,
        ["CheckIns.AddCheckInQuestion.Command"] = Hr,
        ["Conversations.DownloadAttachment.Query"] = Participants,
        ["Conversations.HandleMessageReport.Command"] = Hr,
        ["Conversations.PairMessages.MarkRead"] = Participants,
        ["Conversations.PairMessages.Query"] = Participants,
        ["Conversations.PostMessage.Command"] = Participants,
        ["Conversations.RaiseConcern.Command"] = Participants,
        ["Conversations.RaiseConcern.Query"] = Participants,
        ["Conversations.ReportMessage.Command"] = Participants,
        ["Conversations.ResolveConcern.Command"] = Hr,
        ["Coordinator.ChooseAlerts.Command"] = Hr,
        ["Coordinator.ChooseAlerts.Query"] = Hr,
        ["Coordinator.CoordinatorHome.Query"] = Hr,
        ["CheckIns.AnswerCheckIn.Command"] = Participants,
        ["CheckIns.AnswerHaveYouMet.Command"] = Participants,
        ["CheckIns.EditCheckInQuestion.Command"] = Hr,
        ["CheckIns.EditCheckInQuestion.Query"] = Hr,
        ["CheckIns.EditSurveySettings.Command"] = Hr,
        ["CheckIns.EditSurveySettings.Query"] = Hr,
        ["CheckIns.MyCheckIns.Query"] = Participants,
        ["CheckIns.ProgramCheckIns.Query"] = Hr,
        ["CheckIns.ReadCheckInAnswers.Query"] = Hr,
        ["CheckIns.RetireCheckInQuestion.Command"] = Hr,
        ["CheckIns.ViewCheckIn.Query"] = Participants,
        ["Dashboard.MonthlySummarySetting.Command"] = AnySignedIn,
        ["Dashboard.MonthlySummarySetting.Query"] = AnySignedIn,
        ["Dashboard.ProgramReport.Query"] = Hr,
        ["Dashboard.FilterCheck.Query"] = Hr | Leadership,
        ["Dashboard.UptakeDashboard.Query"] = Hr | Leadership,
        ["Dashboard.UptakeOverview.Query"] = Hr | Leadership,
        ["Enrolments.BulkDecideEnrolments.Command"] = Hr,
        ["Enrolments.BulkDecideEnrolments.Query"] = Hr,
        ["Emails.EditEmailTemplate.Command"] = Hr,
        ["Emails.EditEmailTemplate.PreviewQuery"] = Hr,
        ["Emails.EditEmailTemplate.Query"] = Hr,
        ["Emails.EditEmailTemplate.ResetCommand"] = Hr,
        ["Emails.ProgramEmailTemplates.Query"] = Hr,
        ["Enrolments.ApproveEnrolment.Command"] = Hr,
        ["Enrolments.EnrolInProgram.Command"] = Participants,
        ["Enrolments.EnrolInProgram.FormQuery"] = Participants,
        ["Enrolments.EnrolmentDetail.Query"] = Hr,
        ["Enrolments.ImportParticipants.Command"] = Hr,
        ["Enrolments.ImportParticipants.ProgramQuery"] = Hr,
        ["Enrolments.ListEnrolments.Query"] = Hr,
        ["Enrolments.RejectEnrolment.Command"] = Hr,
        ["Enrolments.ViewProgram.Query"] = Participants,
        ["Enrolments.WithdrawEnrolment.Command"] = Participants,
        ["Goals.ChangeGoal.Command"] = Participants,
        ["Goals.ListGoals.Query"] = Participants,
        ["Goals.SetGoal.Command"] = Participants,
        ["Groups.CancelGroupSession.Command"] = Participants,
        ["Groups.CreateGroup.Command"] = Mentor,
        ["Groups.CreateGroup.FormQuery"] = Mentor,
        ["Groups.GroupSessionCalendarFile.Query"] = Participants,
        ["Groups.LogGroupSession.Command"] = Participants,
        ["Groups.LogGroupSession.FormQuery"] = Participants,
        ["Groups.PostGroupMessage.Command"] = Participants,
        ["Groups.ScheduleGroupSession.Command"] = Mentor,
        ["Groups.ScheduleGroupSession.FormQuery"] = Mentor,
        ["Groups.ViewGroup.Query"] = Participants,
        ["Groups.ViewGroupSession.Query"] = Participants,
        ["Invitations.BulkResendInvitations.Command"] = Hr,
        ["Invitations.BulkResendInvitations.Query"] = Hr,
        ["Invitations.InviteParticipants.Command"] = Hr,
        ["Invitations.ListInvitations.Query"] = Hr,
        ["Invitations.ResendInvitation.Command"] = Hr,
        ["Invitations.RevokeInvitation.Command"] = Hr,
        ["Invitations.RevokeInvitation.Query"] = Hr,
        ["Journal.MyJournal.Query"] = Participants,
        ["Journal.WriteJournalEntry.Command"] = Participants,
        ["Journal.WriteJournalEntry.Query"] = Participants,
        ["Mail.TryDeliveryAgain.Command"] = Hr,
        ["Mail.Undelivered.Query"] = Hr,
        ["Pairing.BanPair.Command"] = Hr,
        ["Pairing.PairingBoard.FairnessQuery"] = Hr,
        ["Pairing.PairingBoard.Query"] = Hr,
        ["Pairing.PinPair.Command"] = Hr,
        ["Pairing.PublishPairing.Command"] = Hr,
        ["Pairing.RemovePairingRule.Command"] = Hr,
        ["Pairing.RankPartners.Command"] = Participants,
        ["Pairing.RankPartners.Query"] = Participants,
        ["Pairing.RespondToPair.Command"] = Participants,
        ["Pairing.RunPairing.Command"] = Hr,
        ["Pairing.SwapPairs.Command"] = Hr,
        ["Pairing.SwapPairs.PreviewQuery"] = Hr,
        ["Pairing.PairByHand.PreviewQuery"] = Hr,
        ["Enrolments.ExportEnrolments.Query"] = Hr,
        ["Pairs.ExportPairs.Query"] = Hr,
        ["SelfService.AnswerRequest.Command"] = Participants,
        ["SelfService.AnswerRequest.Query"] = Participants,
        ["SelfService.BrowseMentors.Query"] = Participants,
        ["SelfService.MentorPlaces.Command"] = Participants,
        ["SelfService.MentorPlaces.Query"] = Participants,
        ["SelfService.MyRequests.Query"] = Participants,
        ["SelfService.ProgramRequests.Query"] = Hr,
        ["SelfService.RequestMentors.Command"] = Participants,
        ["SelfService.RequestMentors.Query"] = Participants,
        ["SelfService.WithdrawMentorRequests.Command"] = Participants,
        ["Pairs.LeaderReliability.Query"] = Hr,
        ["Sessions.ExportSessions.Query"] = Hr,
        ["SessionFeedback.ExportFeedback.Query"] = Hr,
        ["CheckIns.ExportCheckInAnswers.Query"] = Hr,
        ["Pairs.BulkEndPairs.Command"] = Hr,
        ["Pairs.BulkEndPairs.Query"] = Hr,
        ["Pairs.EndPair.Command"] = Participants,
        ["Pairs.EndPair.Query"] = Participants,
        ["Pairs.EndPairByCoordinator.Command"] = Hr,
        ["Pairs.EndPairByCoordinator.Query"] = Hr,
        ["Pairs.MyMentoring.Query"] = Participants,
        ["Pairs.ProgramPairDetails.Query"] = Hr,
        ["Pairs.ProgramPairs.Query"] = Hr,
        ["Privacy.DownloadMyData.Query"] = AnySignedIn,
        ["Privacy.ErasePerson.Command"] = Hr,
        ["Privacy.ErasePerson.Query"] = Hr,
        ["Privacy.FindPeople.Query"] = Hr,
        ["Programs.AddCoordinator.Command"] = Hr,
        ["Programs.ArchiveProgram.Command"] = Hr,
        ["Programs.ArchiveProgram.Query"] = Hr,
        ["Programs.ChangeProgramStatus.Command"] = Hr,
        ["Programs.CopyProgram.Command"] = Hr,
        ["Programs.CopyProgram.Query"] = Hr,
        ["Programs.CreateProgram.Command"] = Hr,
        ["Programs.CreateProgram.StartingPoints"] = Hr,
        ["Programs.EditProgram.Command"] = Hr,
        ["Programs.EditProgram.Query"] = Hr,
        ["Programs.ListPrograms.Query"] = Hr,
        ["Programs.MessageCohort.Command"] = Hr,
        ["Programs.MessageCohort.Query"] = Hr,
        ["Programs.ProgramDetails.Query"] = Hr,
        ["Programs.ProgramSkillChoices.Query"] = Hr,
        ["Programs.RemoveCoordinator.Command"] = Hr,
        ["Programs.RestoreProgram.Command"] = Hr,
        ["Provisioning.ProvisioningTokens.Create"] = Hr,
        ["Provisioning.ProvisioningTokens.Query"] = Hr,
        ["Provisioning.ProvisioningTokens.Revoke"] = Hr,
        ["Resources.AddResource.Command"] = Hr,
        ["Resources.DeleteResource.Command"] = Hr,
        ["Resources.DeleteResource.Query"] = Hr,
        ["Resources.DownloadResource.Query"] = AnySignedIn,
        ["Resources.ListResources.Query"] = Hr,
        ["Resources.MyProgramResources.Query"] = Participants,
        ["Resources.MarkResourceDone.Command"] = Participants,
        ["Resources.SetResourceRequired.Command"] = Hr,
        ["Resources.TrainingCompletion.Query"] = Hr,
        ["SessionFeedback.GiveFeedback.Command"] = Participants,
        ["SessionFeedback.GiveFeedback.Query"] = Participants,
        ["SessionFeedback.MyFeedback.Query"] = Participants,
        ["Sessions.CancelSession.Command"] = Participants,
        ["Sessions.LogSession.Command"] = Participants,
        ["Sessions.LogSession.Query"] = Participants,
        ["Sessions.MySessions.Query"] = Participants,
        ["Sessions.RescheduleSession.Command"] = Participants,
        ["Sessions.RescheduleSession.FormQuery"] = Participants,
        ["Sessions.ScheduleSession.Command"] = Participants,
        ["Sessions.ScheduleSession.FormQuery"] = Participants,
        ["Sessions.SessionCalendarFile.Query"] = Participants,
        ["Sessions.CalendarFeedFile.Query"] = Anyone,
        ["Sessions.CalendarSubscription.Query"] = Participants,
        ["Sessions.CalendarSubscription.Start"] = Participants,
        ["Sessions.CalendarSubscription.Stop"] = Participants,
        ["Sessions.ViewSession.Query"] = Participants,
        ["Skills.AddSkill.Command"] = Hr,
        ["Skills.DeleteSkill.Command"] = Hr,
        ["Skills.DeleteSkill.Query"] = Hr,
        ["Skills.EditSkill.Command"] = Hr,
        ["Skills.EditSkill.Query"] = Hr,
        ["Skills.ListSkills.Query"] = Hr,
        ["Skills.MyPairsProgress.Query"] = Participants,
        ["Skills.RateSkills.Command"] = Participants,
        ["Skills.ReinstateSkill.Command"] = Hr,
        ["Skills.RetireSkill.Command"] = Hr,
        ["Skills.SkillsProgress.Query"] = Participants,
        ["Skills.RateGrowth.Command"] = Participants,
        ["Skills.RateMentor.Command"] = Participants,
        ["Skills.ProgramGrowthAreas.Query"] = Hr,
        ["Skills.AddGrowthArea.Command"] = Hr,
        ["Skills.RenameGrowthArea.Command"] = Hr,
        ["Skills.RetireGrowthArea.Command"] = Hr,
        ["Skills.Talent.Query"] = Hr,
        ["OrgChart.UploadOrgChart.Command"] = Hr,
        ["OrgChart.ListOrgChart.Query"] = Hr,
        ["Pairs.LearningRecord.Query"] = Hr,
        ["KnowledgeSharing.CancelKnowledgeSession.Command"] = Hr | Mentor,
        ["KnowledgeSharing.ChangeKnowledgeCapacity.Command"] = Hr | Mentor,
        ["KnowledgeSharing.GiveKnowledgeFeedback.Command"] = Mentee,
        ["KnowledgeSharing.GiveKnowledgeFeedback.Query"] = Mentee,
        ["KnowledgeSharing.GiveUpKnowledgeSeat.Command"] = Mentee,
        ["KnowledgeSharing.KnowledgeCalendarFile.Query"] = Hr | Participants,
        ["KnowledgeSharing.KnowledgeSessions.Query"] = Participants,
        ["KnowledgeSharing.OfferKnowledgeSession.Command"] = Hr | Participants,
        ["KnowledgeSharing.OfferKnowledgeSession.FormQuery"] = Hr | Participants,
        ["KnowledgeSharing.ProgramKnowledgeSessions.Query"] = Hr,
        ["KnowledgeSharing.RecordKnowledgeAttendance.Command"] = Hr | Mentor,
        ["KnowledgeSharing.RecordKnowledgeAttendance.Query"] = Hr | Mentor,
        ["KnowledgeSharing.SignUpForKnowledgeSession.Command"] = Mentee,
        ["KnowledgeSharing.ViewKnowledgeSession.Query"] = Hr | Participants,
    };

    public static TheoryData<string, Who> Cases()
    {
        var cases = new TheoryData<string, Who>();
        foreach (var name in Table.Keys)
        {
            foreach (var who in MatrixApp.Everyone)
            {
                cases.Add(name, who);
            }
        }

        return cases;
    }

    public static IReadOnlyDictionary<string, Type> DiscoverRequests() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false, ContainsGenericParameters: false } && IsRequest(t))
            .ToDictionary(NameOf, t => t, StringComparer.Ordinal);

    private static readonly Type[] RequestInterfaces = [typeof(ICommand<>), typeof(IQuery<>), typeof(IRequest<>)];

    private static bool IsRequest(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && RequestInterfaces.Contains(i.GetGenericTypeDefinition()));

    public static string NameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        const string features = "ReverseMentoring.Web.Features.";
        var full = type.FullName!.Replace('+', '.');
        return full.StartsWith(features, StringComparison.Ordinal) ? full[features.Length..] : full;
    }

    /// <summary>What the request's attributes declare, in the table's terms.</summary>
    public static May Declared(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var declared = Nobody;
        if (type.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null)
        {
            declared |= Anyone;
        }

        if (type.GetCustomAttribute<AnySignedInUserAttribute>() is not null)
        {
            declared |= AnySignedIn;
        }

        foreach (var role in type.GetCustomAttribute<AllowedRolesAttribute>()?.Roles ?? [])
        {
            declared |= role switch
            {
                Web.Domain.Roles.HrCoordinator => Hr,
                Web.Domain.Roles.Mentor => Mentor,
                Web.Domain.Roles.Mentee => Mentee,
                Web.Domain.Roles.Leadership => Leadership,
                _ => throw new InvalidOperationException($"{NameOf(type)} names an unknown role {role}."),
            };
        }

        return declared;
    }

    public static bool Allows(May may, Who who) => who switch
    {
        _ when may.HasFlag(Anyone) => true,
        Who.Anonymous => false,
        _ when may.HasFlag(AnySignedIn) => true,
        Who.Hr => may.HasFlag(Hr),
        Who.Mentor => may.HasFlag(Mentor),
        Who.Mentee => may.HasFlag(Mentee),
        _ => may.HasFlag(Leadership),
    };

    [Fact]
    public void Every_request_of_the_app_has_a_row_in_the_table_and_every_row_a_request()
    {
        var discovered = DiscoverRequests();
        var message = new StringBuilder();
        foreach (var (name, type) in discovered.OrderBy(d => d.Key, StringComparer.Ordinal).Where(d => !Table.ContainsKey(d.Key)))
        {
            message.AppendLine($"Request without a row: [\"{name}\"] = {Describe(Declared(type))},");
        }

        foreach (var name in Table.Keys.Where(n => !discovered.ContainsKey(n)))
        {
            message.AppendLine($"Row for a request that no longer exists: {name}");
        }

        Assert.True(message.Length == 0, message.ToString());
    }

    [Fact]
    public void Every_request_declares_exactly_the_audience_the_table_gives_it()
    {
        var message = new StringBuilder();
        foreach (var (name, type) in DiscoverRequests().Where(d => Table.ContainsKey(d.Key)))
        {
            var attributes = new[] { typeof(AllowAnonymousRequestAttribute), typeof(AnySignedInUserAttribute), typeof(AllowedRolesAttribute) }
                .Count(a => type.GetCustomAttribute(a) is not null);
            var declared = Declared(type);
            if (attributes != 1)
            {
                message.AppendLine($"{name} carries {attributes} audience attributes; it must carry exactly one.");
            }
            else if (declared != Table[name])
            {
                message.AppendLine($"{name}: the table says {Describe(Table[name])}, the attribute says {Describe(declared)}.");
            }
        }

        Assert.True(message.Length == 0, message.ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_request_is_refused_to_exactly_the_people_the_table_refuses(string name, Who who)
    {
        Assert.True(DiscoverRequests().TryGetValue(name, out var type), $"{name} is no longer a request of the app.");
        var principal = await app.PrincipalAsync(who);
        var request = Minimal(type);

        var failure = await Record.ExceptionAsync(() => app.RunAsAsync(principal, async services =>
        {
            await services.GetRequiredService<IMediator>().Send(request);
        }));

        if (Allows(Table[name], who))
        {
            Assert.False(failure is RequestAuthorizationException, $"{name} refused {who}: {failure?.Message}");
        }
        else
        {
            var refused = Assert.IsType<RequestAuthorizationException>(failure);
            Assert.Equal(who != Who.Anonymous, refused.SignedIn);
        }
    }

    /// <summary>A request with every field at its default (ids 0, empty text and lists): enough to reach authorization.</summary>
    public static object Minimal(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.GetConstructor(Type.EmptyTypes) is { } empty)
        {
            return empty.Invoke(null);
        }

        var constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => DefaultOf(p.ParameterType)).ToArray());
    }

    private static object? DefaultOf(Type type)
    {
        if (type == typeof(string))
        {
            return "";
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GetGenericArguments()[0]));
        }

        if (!type.IsAbstract && !type.IsInterface && IsRequest(type))
        {
            return Minimal(type);
        }

        return type.GetConstructor(Type.EmptyTypes) is { } constructor && !type.IsAbstract ? constructor.Invoke(null) : null;
    }

    private static string Describe(May may) =>
        string.Join(" | ", Enum.GetValues<May>().Where(m => m is not (Nobody or Participants) && may.HasFlag(m)).Select(m => m.ToString())) is { Length: > 0 } s
            ? s.Replace("Mentor | Mentee", "Participants", StringComparison.Ordinal)
            : "Nobody";
}

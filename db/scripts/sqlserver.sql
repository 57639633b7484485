IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE TABLE [Organisations] (
        [Id] int NOT NULL IDENTITY,
        [Code] nvarchar(16) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [NameEn] nvarchar(100) NOT NULL,
        [Kind] nvarchar(24) NOT NULL,
        [Department] nvarchar(24) NULL,
        [ParentId] int NULL,
        [TownId] int NULL,
        CONSTRAINT [PK_Organisations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Organisations_Organisations_ParentId] FOREIGN KEY ([ParentId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Organisations_Organisations_TownId] FOREIGN KEY ([TownId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(50) NOT NULL,
        [OrganisationId] int NOT NULL,
        [IsActive] bit NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUsers_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE TABLE [Enterprises] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(200) NOT NULL,
        [CreditCode] varchar(18) NOT NULL,
        [TownId] int NOT NULL,
        [Address] nvarchar(200) NOT NULL,
        [Industry] nvarchar(200) NOT NULL,
        [Ownership] nvarchar(24) NOT NULL,
        [Headcount] int NOT NULL,
        [LegalRepresentative] nvarchar(200) NOT NULL,
        [Contact] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_Enterprises] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Enterprises_Organisations_TownId] FOREIGN KEY ([TownId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_OrganisationId] ON [AspNetUsers] ([OrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Enterprises_CreditCode] ON [Enterprises] ([CreditCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [IX_Enterprises_Name] ON [Enterprises] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [IX_Enterprises_TownId] ON [Enterprises] ([TownId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Organisations_Code] ON [Organisations] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [IX_Organisations_ParentId] ON [Organisations] ([ParentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    CREATE INDEX [IX_Organisations_TownId] ON [Organisations] ([TownId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125072958_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125072958_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE TABLE [IncidentNumberCounters] (
        [TownId] int NOT NULL,
        [Year] int NOT NULL,
        [Last] int NOT NULL,
        CONSTRAINT [PK_IncidentNumberCounters] PRIMARY KEY ([TownId], [Year])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE TABLE [Incidents] (
        [Id] int NOT NULL IDENTITY,
        [Number] varchar(20) NOT NULL,
        [TownId] int NOT NULL,
        [Year] int NOT NULL,
        [Sequence] int NOT NULL,
        [Type] nvarchar(32) NOT NULL,
        [Grade] nvarchar(4) NOT NULL,
        [SuggestedGrade] nvarchar(4) NOT NULL,
        [EnterpriseId] int NOT NULL,
        [Location] nvarchar(200) NOT NULL,
        [WorkersInvolved] int NOT NULL,
        [MonthsInArrears] int NOT NULL,
        [Facts] int NOT NULL,
        [Description] nvarchar(4000) NOT NULL,
        [Stage] nvarchar(16) NOT NULL,
        [CancelReason] nvarchar(4000) NULL,
        [ReportedAtUtc] datetime2 NOT NULL,
        [SubmissionId] uniqueidentifier NULL,
        [ReportedByUserId] nvarchar(64) NOT NULL,
        [ArrivedOnSceneAtUtc] datetime2 NULL,
        [Closure_Outcome] nvarchar(2000) NULL,
        [Closure_Referrals] nvarchar(2000) NULL,
        [Closure_LessonsLearned] nvarchar(2000) NULL,
        [Closure_FollowUpDate] date NULL,
        [ClosedAtUtc] datetime2 NULL,
        [ConcurrencyToken] uniqueidentifier NOT NULL,
        [LastChangedAtUtc] datetime2 NOT NULL,
        [LastChangedBy] nvarchar(100) NOT NULL,
        [WagesOwedFen] bigint NOT NULL,
        CONSTRAINT [PK_Incidents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Incidents_Enterprises_EnterpriseId] FOREIGN KEY ([EnterpriseId]) REFERENCES [Enterprises] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Incidents_Organisations_TownId] FOREIGN KEY ([TownId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE TABLE [Playbooks] (
        [Id] int NOT NULL IDENTITY,
        [Level2AfterMinutes] int NOT NULL,
        [Level3AfterMinutes] int NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        [UpdatedBy] nvarchar(100) NOT NULL,
        [Durations] nvarchar(max) NULL,
        [Grading] nvarchar(max) NOT NULL,
        [Requirements] nvarchar(max) NULL,
        CONSTRAINT [PK_Playbooks] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE TABLE [Attachments] (
        [Id] uniqueidentifier NOT NULL,
        [FileName] nvarchar(200) NOT NULL,
        [ContentType] nvarchar(100) NOT NULL,
        [SizeBytes] bigint NOT NULL,
        [StorageKey] nvarchar(200) NOT NULL,
        [UploadedAtUtc] datetime2 NOT NULL,
        [UploadedBy] nvarchar(100) NOT NULL,
        [UploadedByUserId] nvarchar(64) NOT NULL,
        [IncidentId] int NULL,
        CONSTRAINT [PK_Attachments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Attachments_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE TABLE [Engagements] (
        [Id] uniqueidentifier NOT NULL,
        [Department] nvarchar(24) NOT NULL,
        [OrganisationId] int NOT NULL,
        [EngagedAtUtc] datetime2 NOT NULL,
        [EngagedBy] nvarchar(100) NOT NULL,
        [AcknowledgedAtUtc] datetime2 NULL,
        [AcknowledgedBy] nvarchar(100) NULL,
        [IncidentId] int NULL,
        [Tasks] nvarchar(max) NULL,
        CONSTRAINT [PK_Engagements] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Engagements_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Engagements_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE TABLE [PlanSteps] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Department] nvarchar(24) NULL,
        [Sequence] int NOT NULL,
        [OwnerOrganisationId] int NOT NULL,
        [OwnerRole] nvarchar(32) NOT NULL,
        [StartsAtUtc] datetime2 NOT NULL,
        [DueAtUtc] datetime2 NOT NULL,
        [CompletedAtUtc] datetime2 NULL,
        [CompletedBy] nvarchar(100) NULL,
        [CancelledAtUtc] datetime2 NULL,
        [PausedSinceUtc] datetime2 NULL,
        [IncidentId] int NULL,
        [Pauses] nvarchar(max) NULL,
        CONSTRAINT [PK_PlanSteps] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PlanSteps_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE TABLE [TimelineEntries] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        [ActorUserId] nvarchar(64) NOT NULL,
        [ActorName] nvarchar(100) NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [IncidentId] int NULL,
        CONSTRAINT [PK_TimelineEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TimelineEntries_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE INDEX [IX_Attachments_IncidentId] ON [Attachments] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE INDEX [IX_Engagements_IncidentId] ON [Engagements] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE INDEX [IX_Engagements_OrganisationId_Department] ON [Engagements] ([OrganisationId], [Department]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE INDEX [IX_Incidents_EnterpriseId] ON [Incidents] ([EnterpriseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Incidents_Number] ON [Incidents] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE INDEX [IX_Incidents_Stage_ReportedAtUtc] ON [Incidents] ([Stage], [ReportedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Incidents_SubmissionId] ON [Incidents] ([SubmissionId]) WHERE [SubmissionId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Incidents_TownId_Year_Sequence] ON [Incidents] ([TownId], [Year], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE INDEX [IX_PlanSteps_DueAtUtc_CompletedAtUtc_CancelledAtUtc] ON [PlanSteps] ([DueAtUtc], [CompletedAtUtc], [CancelledAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE INDEX [IX_PlanSteps_IncidentId] ON [PlanSteps] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    CREATE INDEX [IX_TimelineEntries_IncidentId_AtUtc] ON [TimelineEntries] ([IncidentId], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125075203_Incidents'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125075203_Incidents', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125081558_WorkerRoster'
)
BEGIN
    CREATE TABLE [WorkerClaims] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(50) NOT NULL,
        [IdNumber] varchar(18) NOT NULL,
        [Phone] nvarchar(20) NOT NULL,
        [IncidentId] int NULL,
        [AmountOwedFen] bigint NOT NULL,
        CONSTRAINT [PK_WorkerClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WorkerClaims_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125081558_WorkerRoster'
)
BEGIN
    CREATE TABLE [Recoveries] (
        [Id] uniqueidentifier NOT NULL,
        [Source] nvarchar(24) NOT NULL,
        [RecordedAtUtc] datetime2 NOT NULL,
        [RecordedBy] nvarchar(100) NOT NULL,
        [Note] nvarchar(500) NOT NULL,
        [WorkerClaimId] uniqueidentifier NULL,
        [AmountFen] bigint NOT NULL,
        CONSTRAINT [PK_Recoveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Recoveries_WorkerClaims_WorkerClaimId] FOREIGN KEY ([WorkerClaimId]) REFERENCES [WorkerClaims] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125081558_WorkerRoster'
)
BEGIN
    CREATE INDEX [IX_Recoveries_WorkerClaimId] ON [Recoveries] ([WorkerClaimId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125081558_WorkerRoster'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_WorkerClaims_IncidentId_IdNumber] ON [WorkerClaims] ([IncidentId], [IdNumber]) WHERE [IncidentId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125081558_WorkerRoster'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125081558_WorkerRoster', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125082446_Escalation'
)
BEGIN
    CREATE TABLE [Escalations] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] int NOT NULL,
        [StepId] uniqueidentifier NULL,
        [Level] int NOT NULL,
        [Reason] nvarchar(16) NOT NULL,
        [DueAtUtc] datetime2 NOT NULL,
        [EscalatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Escalations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Escalations_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125082446_Escalation'
)
BEGIN
    CREATE TABLE [Notifications] (
        [Id] uniqueidentifier NOT NULL,
        [EscalationId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(64) NOT NULL,
        [Channel] nvarchar(8) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [ReadAtUtc] datetime2 NULL,
        [SentAtUtc] datetime2 NULL,
        [Error] nvarchar(400) NULL,
        CONSTRAINT [PK_Notifications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Notifications_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Notifications_Escalations_EscalationId] FOREIGN KEY ([EscalationId]) REFERENCES [Escalations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125082446_Escalation'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Escalations_IncidentId_Level] ON [Escalations] ([IncidentId], [Level]) WHERE StepId IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125082446_Escalation'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Escalations_StepId_Level] ON [Escalations] ([StepId], [Level]) WHERE StepId IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125082446_Escalation'
)
BEGIN
    CREATE INDEX [IX_Notifications_EscalationId] ON [Notifications] ([EscalationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125082446_Escalation'
)
BEGIN
    CREATE INDEX [IX_Notifications_UserId_ReadAtUtc] ON [Notifications] ([UserId], [ReadAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125082446_Escalation'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125082446_Escalation', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125091420_DataProtectionKeys'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125091420_DataProtectionKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125091420_DataProtectionKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210026_PlaybookVersions'
)
BEGIN
    ALTER TABLE [Playbooks] ADD [Version] int NOT NULL DEFAULT 1;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210026_PlaybookVersions'
)
BEGIN
    CREATE TABLE [PlaybookVersions] (
        [Version] int NOT NULL,
        [SavedAtUtc] datetime2 NOT NULL,
        [SavedBy] nvarchar(100) NOT NULL,
        [Snapshot] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_PlaybookVersions] PRIMARY KEY ([Version])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210026_PlaybookVersions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201210026_PlaybookVersions', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    ALTER TABLE [TimelineEntries] ADD [Payload] nvarchar(max) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    ALTER TABLE [TimelineEntries] ADD [Sequence] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE t SET Sequence = r.n
    FROM TimelineEntries t
    JOIN (SELECT Id, ROW_NUMBER() OVER (PARTITION BY IncidentId ORDER BY AtUtc, Id) AS n FROM TimelineEntries) r ON r.Id = t.Id;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"Logged",'' AS nvarchar(max)) + N''"Number":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N'','' + N''"Type":'' + COALESCE(N''"'' + STRING_ESCAPE((SELECT i.Type FROM Incidents i WHERE i.Id = TimelineEntries.IncidentId), ''json'') + N''"'', N''null'') + N'','' + N''"Grade":'' + COALESCE(N''"'' + STRING_ESCAPE((SELECT i.SuggestedGrade FROM Incidents i WHERE i.Id = TimelineEntries.IncidentId), ''json'') + N''"'', N''null'') + N'','' + N''"WorkersInvolved":'' + COALESCE(CAST((SELECT i.WorkersInvolved FROM Incidents i WHERE i.Id = TimelineEntries.IncidentId) AS nvarchar(30)), N''null'') + N'','' + N''"WagesOwedFen":'' + COALESCE(CAST((SELECT i.WagesOwedFen FROM Incidents i WHERE i.Id = TimelineEntries.IncidentId) AS nvarchar(30)), N''null'') + N'','' + N''"PlaybookVersion":1'' + N''}'' WHERE Kind = N''Logged'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"GradeSuggested",'' AS nvarchar(max)) + N''"Grade":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''GradeSuggested'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"ArrivedOnScene",'' AS nvarchar(max)) + N''"ArrivedAtUtc":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''ArrivedOnScene'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"ReportedUpward",'' AS nvarchar(max)) + N''"Text":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''ReportedUpward'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"WrittenReport",'' AS nvarchar(max)) + N''"Text":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''WrittenReport'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"Note",'' AS nvarchar(max)) + N''"Text":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''Note'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"DepartmentEngaged",'' AS nvarchar(max)) + N''"Department":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''DepartmentEngaged'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"EngagementAcknowledged",'' AS nvarchar(max)) + N''"Department":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''EngagementAcknowledged'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"TaskDone",'' AS nvarchar(max)) + N''"Department":'' + COALESCE(N''"'' + STRING_ESCAPE(LEFT(SUBSTRING(Text, 6, 4000), CHARINDEX(N''.'', SUBSTRING(Text, 6, 4000)) - 1), ''json'') + N''"'', N''null'') + N'','' + N''"TaskKey":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N'','' + N''"TaskText":null'' + N''}'' WHERE Kind = N''TaskDone'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"StepPaused",'' AS nvarchar(max)) + N''"Step":{'' + N''"Kind":'' + COALESCE(N''"'' + STRING_ESCAPE(CASE WHEN CHARINDEX(N''/'', LEFT(Text, CHARINDEX(N'': '', Text) - 1)) > 0 THEN LEFT(LEFT(Text, CHARINDEX(N'': '', Text) - 1), CHARINDEX(N''/'', LEFT(Text, CHARINDEX(N'': '', Text) - 1)) - 1) ELSE LEFT(Text, CHARINDEX(N'': '', Text) - 1) END, ''json'') + N''"'', N''null'') + N'','' + N''"Department":'' + COALESCE(N''"'' + STRING_ESCAPE(CASE WHEN CHARINDEX(N''/'', LEFT(Text, CHARINDEX(N'': '', Text) - 1)) > 0 THEN SUBSTRING(LEFT(Text, CHARINDEX(N'': '', Text) - 1), CHARINDEX(N''/'', LEFT(Text, CHARINDEX(N'': '', Text) - 1)) + 1, 4000) END, ''json'') + N''"'', N''null'') + N'',"Sequence":1,"Task":null}'' + N'','' + N''"Reason":'' + COALESCE(N''"'' + STRING_ESCAPE(SUBSTRING(Text, CHARINDEX(N'': '', Text) + 2, 4000), ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''StepPaused'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"StepResumed",'' AS nvarchar(max)) + N''"Step":{'' + N''"Kind":'' + COALESCE(N''"'' + STRING_ESCAPE(CASE WHEN CHARINDEX(N''/'', Text) > 0 THEN LEFT(Text, CHARINDEX(N''/'', Text) - 1) ELSE Text END, ''json'') + N''"'', N''null'') + N'','' + N''"Department":'' + COALESCE(N''"'' + STRING_ESCAPE(CASE WHEN CHARINDEX(N''/'', Text) > 0 THEN SUBSTRING(Text, CHARINDEX(N''/'', Text) + 1, 4000) END, ''json'') + N''"'', N''null'') + N'',"Sequence":1,"Task":null}'' + N''}'' WHERE Kind = N''StepResumed'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"GradeChanged",'' AS nvarchar(max)) + N''"From":'' + COALESCE(N''"'' + STRING_ESCAPE(LEFT(Text, CHARINDEX(N''→'', Text) - 1), ''json'') + N''"'', N''null'') + N'','' + N''"To":'' + COALESCE(N''"'' + STRING_ESCAPE(SUBSTRING(Text, CHARINDEX(N''→'', Text) + 1, CHARINDEX(N'': '', Text) - CHARINDEX(N''→'', Text) - 1), ''json'') + N''"'', N''null'') + N'','' + N''"Reason":'' + COALESCE(N''"'' + STRING_ESCAPE(SUBSTRING(Text, CHARINDEX(N'': '', Text) + 2, 4000), ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''GradeChanged'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"StageChanged",'' AS nvarchar(max)) + N''"From":'' + COALESCE(N''"'' + STRING_ESCAPE(LEFT(Text, CHARINDEX(N''→'', Text) - 1), ''json'') + N''"'', N''null'') + N'','' + N''"To":'' + COALESCE(N''"'' + STRING_ESCAPE(SUBSTRING(Text, CHARINDEX(N''→'', Text) + 1, 4000), ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''StageChanged'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"DetailsChanged",'' AS nvarchar(max)) + N''"Changes":[]'' + N''}'' WHERE Kind = N''DetailsChanged'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"AttachmentAdded",'' AS nvarchar(max)) + N''"FileName":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''AttachmentAdded'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"WorkersImported",'' AS nvarchar(max)) + N''"Count":'' + COALESCE(CAST(CAST(LEFT(Text, CHARINDEX(N'' /'', Text) - 1) AS int) AS nvarchar(30)), N''null'') + N'','' + N''"TotalOwedFen":'' + COALESCE(CAST(CAST(REPLACE(REPLACE(SUBSTRING(Text, CHARINDEX(N''¥'', Text) + 1, 4000), N'','', N''''), N''.'', N'''') AS bigint) AS nvarchar(30)), N''null'') + N''}'' WHERE Kind = N''WorkersImported'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"RecoveryRecorded",'' AS nvarchar(max)) + N''"WorkerName":'' + COALESCE(N''"'' + STRING_ESCAPE(LEFT(Text, CHARINDEX(N'' ¥'', Text) - 1), ''json'') + N''"'', N''null'') + N'','' + N''"AmountFen":'' + COALESCE(CAST(CAST(REPLACE(REPLACE(LEFT(SUBSTRING(Text, CHARINDEX(N'' ¥'', Text) + 2, 4000), CHARINDEX(N'' '', SUBSTRING(Text, CHARINDEX(N'' ¥'', Text) + 2, 4000)) - 1), N'','', N''''), N''.'', N'''') AS bigint) AS nvarchar(30)), N''null'') + N'','' + N''"Source":'' + COALESCE(N''"'' + STRING_ESCAPE(SUBSTRING(SUBSTRING(Text, CHARINDEX(N'' ¥'', Text) + 2, 4000), CHARINDEX(N'' '', SUBSTRING(Text, CHARINDEX(N'' ¥'', Text) + 2, 4000)) + 1, 4000), ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''RecoveryRecorded'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"Closed",'' AS nvarchar(max)) + N''"Outcome":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N'','' + N''"RecoveredFen":0'' + N'','' + N''"FollowUpDate":'' + COALESCE(N''"'' + STRING_ESCAPE(CONVERT(nvarchar(10), (SELECT i.Closure_FollowUpDate FROM Incidents i WHERE i.Id = TimelineEntries.IncidentId), 23), ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''Closed'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"Cancelled",'' AS nvarchar(max)) + N''"Reason":'' + COALESCE(N''"'' + STRING_ESCAPE(Text, ''json'') + N''"'', N''null'') + N''}'' WHERE Kind = N''Cancelled'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE TimelineEntries SET Payload = CAST(N''{"$kind":"Escalated",'' AS nvarchar(max)) + N''"Level":'' + COALESCE(CAST(CAST(LEFT(Text, CHARINDEX(N''|'', Text) - 1) AS int) AS nvarchar(30)), N''null'') + N'','' + CASE WHEN SUBSTRING(Text, CHARINDEX(N''|'', Text) + 1, 4000) = N''MajorIncident'' THEN N''"Step":null'' ELSE N''"Step":{'' + N''"Kind":'' + COALESCE(N''"'' + STRING_ESCAPE(CASE WHEN CHARINDEX(N''/'', SUBSTRING(Text, CHARINDEX(N''|'', Text) + 1, 4000)) > 0 THEN LEFT(SUBSTRING(Text, CHARINDEX(N''|'', Text) + 1, 4000), CHARINDEX(N''/'', SUBSTRING(Text, CHARINDEX(N''|'', Text) + 1, 4000)) - 1) ELSE SUBSTRING(Text, CHARINDEX(N''|'', Text) + 1, 4000) END, ''json'') + N''"'', N''null'') + N'','' + N''"Department":'' + COALESCE(N''"'' + STRING_ESCAPE(CASE WHEN CHARINDEX(N''/'', SUBSTRING(Text, CHARINDEX(N''|'', Text) + 1, 4000)) > 0 THEN SUBSTRING(SUBSTRING(Text, CHARINDEX(N''|'', Text) + 1, 4000), CHARINDEX(N''/'', SUBSTRING(Text, CHARINDEX(N''|'', Text) + 1, 4000)) + 1, 4000) END, ''json'') + N''"'', N''null'') + N'',"Sequence":1,"Task":null}'' END + N'','' + N''"Told":[]'' + N''}'' WHERE Kind = N''Escalated'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    ALTER TABLE [PlanSteps] ADD [TaskId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    ALTER TABLE [Incidents] ADD [Closure_RecoveredFen] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    ALTER TABLE [Incidents] ADD [LastSequence] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    ALTER TABLE [Incidents] ADD [PlaybookVersion] int NOT NULL DEFAULT 1;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    EXEC(N'UPDATE Incidents SET LastSequence = (SELECT COUNT(*) FROM TimelineEntries t WHERE t.IncidentId = Incidents.Id);
    UPDATE Incidents SET Closure_RecoveredFen = (
        SELECT COALESCE(SUM(r.AmountFen), 0) FROM Recoveries r JOIN WorkerClaims w ON w.Id = r.WorkerClaimId WHERE w.IncidentId = Incidents.Id)
    WHERE Closure_Outcome IS NOT NULL;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    DROP INDEX [IX_TimelineEntries_IncidentId_AtUtc] ON [TimelineEntries];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[TimelineEntries]') AND [c].[name] = N'Text');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [TimelineEntries] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [TimelineEntries] DROP COLUMN [Text];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TimelineEntries_IncidentId_Sequence] ON [TimelineEntries] ([IncidentId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    CREATE INDEX [IX_TimelineEntries_Kind_AtUtc] ON [TimelineEntries] ([Kind], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201211132_History'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201211132_History', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201234759_CommandReceipts'
)
BEGIN
    CREATE TABLE [CommandReceipts] (
        [SubmissionId] uniqueidentifier NOT NULL,
        [IncidentId] int NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_CommandReceipts] PRIMARY KEY ([SubmissionId]),
        CONSTRAINT [FK_CommandReceipts_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201234759_CommandReceipts'
)
BEGIN
    CREATE INDEX [IX_CommandReceipts_IncidentId] ON [CommandReceipts] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201234759_CommandReceipts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201234759_CommandReceipts', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202015306_Reports'
)
BEGIN
    CREATE TABLE [Bulletins] (
        [Id] int NOT NULL IDENTITY,
        [Year] int NOT NULL,
        [Number] int NOT NULL,
        [Name] nvarchar(50) NOT NULL,
        [IssuerOrganisationId] int NOT NULL,
        [Issuer] nvarchar(100) NOT NULL,
        [IssuerEn] nvarchar(100) NOT NULL,
        [IssuedOn] date NOT NULL,
        [PeriodFrom] date NOT NULL,
        [PeriodTo] date NOT NULL,
        [Culture] varchar(8) NOT NULL,
        [IssuedAtUtc] datetime2 NOT NULL,
        [IssuedByUserId] nvarchar(64) NOT NULL,
        [IssuedBy] nvarchar(100) NOT NULL,
        [Paragraphs] nvarchar(max) NULL,
        [Recipients] nvarchar(max) NULL,
        CONSTRAINT [PK_Bulletins] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Bulletins_Organisations_IssuerOrganisationId] FOREIGN KEY ([IssuerOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202015306_Reports'
)
BEGIN
    CREATE TABLE [ExportLog] (
        [Id] uniqueidentifier NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        [UserId] nvarchar(64) NOT NULL,
        [UserName] nvarchar(100) NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Format] nvarchar(8) NOT NULL,
        [Scope] nvarchar(500) NOT NULL,
        [Rows] int NOT NULL,
        [FileName] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_ExportLog] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202015306_Reports'
)
BEGIN
    CREATE INDEX [IX_Bulletins_IssuerOrganisationId] ON [Bulletins] ([IssuerOrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202015306_Reports'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Bulletins_Year_Number] ON [Bulletins] ([Year], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202015306_Reports'
)
BEGIN
    CREATE INDEX [IX_ExportLog_AtUtc] ON [ExportLog] ([AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202015306_Reports'
)
BEGIN
    CREATE INDEX [IX_ExportLog_UserId_AtUtc] ON [ExportLog] ([UserId], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202015306_Reports'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202015306_Reports', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    CREATE INDEX [IX_Recoveries_RecordedAtUtc] ON [Recoveries] ([RecordedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_PlanSteps_Kind_CompletedAtUtc] ON [PlanSteps] ([Kind], [CompletedAtUtc]) WHERE CompletedAtUtc IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_PlanSteps_Open_DueAtUtc] ON [PlanSteps] ([DueAtUtc]) WHERE CompletedAtUtc IS NULL AND CancelledAtUtc IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    CREATE INDEX [IX_Incidents_ClosedAtUtc] ON [Incidents] ([ClosedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_Incidents_Open_ReportedAtUtc] ON [Incidents] ([ReportedAtUtc]) WHERE Stage IN (''Reported'', ''Responding'', ''Resolving'', ''Resolved'')');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_Incidents_Open_TownId_Grade] ON [Incidents] ([TownId], [Grade]) WHERE Stage IN (''Reported'', ''Responding'', ''Resolving'', ''Resolved'')');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    CREATE INDEX [IX_Incidents_ReportedAtUtc_TownId_Type] ON [Incidents] ([ReportedAtUtc], [TownId], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    CREATE INDEX [IX_Escalations_EscalatedAtUtc] ON [Escalations] ([EscalatedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    CREATE INDEX [IX_Escalations_IncidentId] ON [Escalations] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202024317_MonitoringIndexes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202024317_MonitoringIndexes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202031337_SecurityEvents'
)
BEGIN
    CREATE TABLE [SecurityEvents] (
        [Id] uniqueidentifier NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        [Type] varchar(16) NOT NULL,
        [Result] varchar(24) NOT NULL,
        [Channel] varchar(8) NOT NULL,
        [UserName] nvarchar(64) NOT NULL,
        [UserId] nvarchar(64) NULL,
        [ClientAddress] varchar(45) NULL,
        [UserAgent] nvarchar(256) NULL,
        CONSTRAINT [PK_SecurityEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202031337_SecurityEvents'
)
BEGIN
    CREATE TABLE [SignInFailures] (
        [Network] varchar(45) NOT NULL,
        [NormalizedUserName] nvarchar(256) NOT NULL,
        [Failures] int NOT NULL,
        [FirstFailureUtc] datetime2 NOT NULL,
        [BlockedUntilUtc] datetime2 NULL,
        CONSTRAINT [PK_SignInFailures] PRIMARY KEY ([Network], [NormalizedUserName])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202031337_SecurityEvents'
)
BEGIN
    CREATE INDEX [IX_SecurityEvents_AtUtc] ON [SecurityEvents] ([AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202031337_SecurityEvents'
)
BEGIN
    CREATE INDEX [IX_SecurityEvents_UserId_AtUtc] ON [SecurityEvents] ([UserId], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202031337_SecurityEvents'
)
BEGIN
    CREATE INDEX [IX_SignInFailures_NormalizedUserName] ON [SignInFailures] ([NormalizedUserName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202031337_SecurityEvents'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202031337_SecurityEvents', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202034701_MustChangePassword'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [MustChangePassword] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202034701_MustChangePassword'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202034701_MustChangePassword', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202040326_SecurityEventActor'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[SecurityEvents]') AND [c].[name] = N'Channel');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [SecurityEvents] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [SecurityEvents] ALTER COLUMN [Channel] varchar(16) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202040326_SecurityEventActor'
)
BEGIN
    ALTER TABLE [SecurityEvents] ADD [ActorId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202040326_SecurityEventActor'
)
BEGIN
    ALTER TABLE [SecurityEvents] ADD [ActorName] nvarchar(256) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202040326_SecurityEventActor'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202040326_SecurityEventActor', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123305_UserSessions'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[SecurityEvents]') AND [c].[name] = N'Type');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [SecurityEvents] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [SecurityEvents] ALTER COLUMN [Type] varchar(32) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123305_UserSessions'
)
BEGIN
    CREATE TABLE [UserSessions] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Kind] varchar(16) NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [LastSeenUtc] datetime2 NOT NULL,
        [ExpiresUtc] datetime2 NOT NULL,
        [EndedUtc] datetime2 NULL,
        [EndReason] varchar(16) NULL,
        [SecurityStamp] nvarchar(64) NULL,
        [ClientAddress] varchar(45) NULL,
        [UserAgent] nvarchar(256) NULL,
        [Label] nvarchar(50) NULL,
        [EnrolmentCodeHash] varchar(64) NULL,
        [EnrolmentExpiresUtc] datetime2 NULL,
        [IssuedById] nvarchar(450) NULL,
        CONSTRAINT [PK_UserSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_UserSessions_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123305_UserSessions'
)
BEGIN
    CREATE TABLE [RefreshTokens] (
        [Hash] varchar(64) NOT NULL,
        [SessionId] uniqueidentifier NOT NULL,
        [IssuedUtc] datetime2 NOT NULL,
        [ExpiresUtc] datetime2 NOT NULL,
        [UsedUtc] datetime2 NULL,
        CONSTRAINT [PK_RefreshTokens] PRIMARY KEY ([Hash]),
        CONSTRAINT [FK_RefreshTokens_UserSessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [UserSessions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123305_UserSessions'
)
BEGIN
    CREATE INDEX [IX_RefreshTokens_SessionId] ON [RefreshTokens] ([SessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123305_UserSessions'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_UserSessions_EnrolmentCodeHash] ON [UserSessions] ([EnrolmentCodeHash]) WHERE [EnrolmentCodeHash] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123305_UserSessions'
)
BEGIN
    CREATE INDEX [IX_UserSessions_UserId_EndedUtc] ON [UserSessions] ([UserId], [EndedUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123305_UserSessions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202123305_UserSessions', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084210_AuditTrail'
)
BEGIN
    CREATE TABLE [AuditHead] (
        [Id] int NOT NULL,
        [Sequence] bigint NOT NULL,
        [Hash] varbinary(32) NOT NULL,
        CONSTRAINT [PK_AuditHead] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084210_AuditTrail'
)
BEGIN
    CREATE TABLE [AuditTrail] (
        [Sequence] bigint NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        [Type] varchar(48) NOT NULL,
        [Result] varchar(32) NOT NULL,
        [UserId] nvarchar(64) NULL,
        [UserName] nvarchar(256) NULL,
        [Organisation] nvarchar(128) NULL,
        [ClientAddress] varchar(45) NULL,
        [Object] nvarchar(256) NULL,
        [IncidentNumber] varchar(32) NULL,
        [Detail] nvarchar(1024) NULL,
        [KeyId] varchar(32) NOT NULL,
        [Hash] varbinary(32) NOT NULL,
        CONSTRAINT [PK_AuditTrail] PRIMARY KEY ([Sequence])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084210_AuditTrail'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Hash', N'Sequence') AND [object_id] = OBJECT_ID(N'[AuditHead]'))
        SET IDENTITY_INSERT [AuditHead] ON;
    EXEC(N'INSERT INTO [AuditHead] ([Id], [Hash], [Sequence])
    VALUES (1, 0x0000000000000000000000000000000000000000000000000000000000000000, CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Hash', N'Sequence') AND [object_id] = OBJECT_ID(N'[AuditHead]'))
        SET IDENTITY_INSERT [AuditHead] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084210_AuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditTrail_AtUtc] ON [AuditTrail] ([AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084210_AuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditTrail_IncidentNumber_AtUtc] ON [AuditTrail] ([IncidentNumber], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084210_AuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditTrail_Type_AtUtc] ON [AuditTrail] ([Type], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084210_AuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditTrail_UserId_AtUtc] ON [AuditTrail] ([UserId], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084210_AuditTrail'
)
BEGIN
    IF DATABASE_PRINCIPAL_ID(N'disputes_app') IS NULL EXEC(N'CREATE ROLE disputes_app');
    EXEC(N'GRANT SELECT, INSERT ON dbo.AuditTrail TO disputes_app');
    EXEC(N'DENY UPDATE, DELETE, ALTER ON dbo.AuditTrail TO disputes_app');
    EXEC(N'GRANT SELECT, UPDATE ON dbo.AuditHead TO disputes_app');
    EXEC(N'DENY DELETE ON dbo.AuditHead TO disputes_app');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084210_AuditTrail'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203084210_AuditTrail', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    DROP INDEX [IX_WorkerClaims_IncidentId_IdNumber] ON [WorkerClaims];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    ALTER TABLE [WorkerClaims] ADD [IdNumberSealed] varbinary(73) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC(N'UPDATE [WorkerClaims] SET [IdNumberSealed] = 0x50 + CAST([IdNumber] AS varbinary(18)) WHERE [IdNumber] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[WorkerClaims]') AND [c].[name] = N'IdNumber');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [WorkerClaims] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [WorkerClaims] DROP COLUMN [IdNumber];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC sp_rename N'[WorkerClaims].[IdNumberSealed]', N'IdNumber', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    DECLARE @var4 nvarchar(max);
    SELECT @var4 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[WorkerClaims]') AND [c].[name] = N'IdNumber');
    IF @var4 IS NOT NULL EXEC(N'ALTER TABLE [WorkerClaims] DROP CONSTRAINT ' + @var4 + ';');
    ALTER TABLE [WorkerClaims] ALTER COLUMN [IdNumber] varbinary(73) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    ALTER TABLE [WorkerClaims] ADD [PhoneSealed] varbinary(115) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC(N'UPDATE [WorkerClaims] SET [PhoneSealed] = 0x57 + CAST([Phone] AS varbinary(40)) WHERE [Phone] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    DECLARE @var5 nvarchar(max);
    SELECT @var5 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[WorkerClaims]') AND [c].[name] = N'Phone');
    IF @var5 IS NOT NULL EXEC(N'ALTER TABLE [WorkerClaims] DROP CONSTRAINT ' + @var5 + ';');
    ALTER TABLE [WorkerClaims] DROP COLUMN [Phone];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC sp_rename N'[WorkerClaims].[PhoneSealed]', N'Phone', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    DECLARE @var6 nvarchar(max);
    SELECT @var6 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[WorkerClaims]') AND [c].[name] = N'Phone');
    IF @var6 IS NOT NULL EXEC(N'ALTER TABLE [WorkerClaims] DROP CONSTRAINT ' + @var6 + ';');
    ALTER TABLE [WorkerClaims] ALTER COLUMN [Phone] varbinary(115) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    ALTER TABLE [Enterprises] ADD [ContactSealed] varbinary(655) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC(N'UPDATE [Enterprises] SET [ContactSealed] = 0x57 + CAST([Contact] AS varbinary(400)) WHERE [Contact] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    DECLARE @var7 nvarchar(max);
    SELECT @var7 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Enterprises]') AND [c].[name] = N'Contact');
    IF @var7 IS NOT NULL EXEC(N'ALTER TABLE [Enterprises] DROP CONSTRAINT ' + @var7 + ';');
    ALTER TABLE [Enterprises] DROP COLUMN [Contact];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC sp_rename N'[Enterprises].[ContactSealed]', N'Contact', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    DECLARE @var8 nvarchar(max);
    SELECT @var8 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Enterprises]') AND [c].[name] = N'Contact');
    IF @var8 IS NOT NULL EXEC(N'ALTER TABLE [Enterprises] DROP CONSTRAINT ' + @var8 + ';');
    ALTER TABLE [Enterprises] ALTER COLUMN [Contact] varbinary(655) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [PhoneNumberSealed] varbinary(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC(N'UPDATE [AspNetUsers] SET [PhoneNumberSealed] = 0x57 + CAST([PhoneNumber] AS varbinary(max)) WHERE [PhoneNumber] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    DECLARE @var9 nvarchar(max);
    SELECT @var9 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUsers]') AND [c].[name] = N'PhoneNumber');
    IF @var9 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUsers] DROP CONSTRAINT ' + @var9 + ';');
    ALTER TABLE [AspNetUsers] DROP COLUMN [PhoneNumber];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC sp_rename N'[AspNetUsers].[PhoneNumberSealed]', N'PhoneNumber', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    ALTER TABLE [WorkerClaims] ADD [IdNumberHash] varbinary(32) NOT NULL DEFAULT 0x;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC(N'UPDATE [WorkerClaims] SET [IdNumberHash] = CAST([Id] AS varbinary(16))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_WorkerClaims_IncidentId_IdNumberHash] ON [WorkerClaims] ([IncidentId], [IdNumberHash]) WHERE [IncidentId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203125835_PersonalDataAtRest'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203125835_PersonalDataAtRest', N'10.0.15');
END;

COMMIT;
GO


namespace UsageFunctions.Local;

/// <summary>What a local run prints: the demo account's keys and curl commands ready to paste into a bash shell.</summary>
public static class Instructions
{
    public static string For(string baseUrl, string adminKey, DemoAccount demo) => $$$$"""

        ==== UsageFunctions is running locally ====
        Paste these into a bash shell:

        export BASE={{{{baseUrl}}}}
        export ADMIN_KEY={{{{adminKey}}}}
        export ACCOUNT={{{{demo.Id}}}}
        export WRITE_KEY={{{{demo.WriteKey}}}}
        export READ_KEY={{{{demo.ReadKey}}}}
        export WEBHOOK_SECRET={{{{demo.Secret}}}}
        export WEBHOOK_SECRET_HEX={{{{demo.SecretHex}}}}

        # 1. A call that ended two minutes ago, sent with the events:write key
        NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ); STARTED=$(date -u -d '-2 min' +%Y-%m-%dT%H:%M:%SZ)
        BODY='{"specversion":"1.0","id":"call-'$RANDOM'","source":"/demo/telephony","type":"usage.call.ended","time":"'$NOW'","data":{"callId":"c-'$RANDOM'","agentId":"agent_support","voiceId":"voice_mark","phoneNumberId":"num_main","createdAt":"'$STARTED'","joinedAt":"'$STARTED'","endedAt":"'$NOW'","durationSeconds":118.5,"billedSeconds":118.5,"endReason":"hangup","billingStatus":"BILLED","metadata":{"campaign":"demo"}}}'
        curl -sS -X POST "$BASE/api/events" -H "Authorization: Bearer $WRITE_KEY" -H "Content-Type: application/cloudevents+json" -d "$BODY"; echo

        # 2. A message event signed the Standard Webhooks way with the account's secret
        NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ); TS=$(date +%s); MSG_ID=msg_$RANDOM
        BODY='[{"specversion":"1.0","id":"sms-'$RANDOM'","source":"/demo/messaging","type":"usage.message.sent","time":"'$NOW'","data":{"phoneNumberId":"num_main","agentId":"agent_support"}}]'
        SIG=$(printf '%s' "$MSG_ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$WEBHOOK_SECRET_HEX -binary | base64)
        curl -sS -X POST "$BASE/api/accounts/$ACCOUNT/events" -H "Content-Type: application/cloudevents-batch+json" \
          -H "webhook-id: $MSG_ID" -H "webhook-timestamp: $TS" -H "webhook-signature: v1,$SIG" -d "$BODY"; echo

        # 3. Read the stored events back with the usage:read key
        curl -sS "$BASE/api/events" -H "Authorization: Bearer $READ_KEY"; echo

        # 4. Usage, once the roll-up has run (every 30 s; here fired at once through the host's admin API)
        curl -sS -X POST "$BASE/admin/functions/RollupTimer?wait=true" -H "Authorization: Bearer $ADMIN_KEY"; echo
        curl -sS "$BASE/api/usage?meter=calls&groupBy=agent" -H "Authorization: Bearer $READ_KEY"; echo
        curl -sS "$BASE/vocode/v1/usage/" -H "Authorization: Bearer $READ_KEY"; echo
        curl -sS "$BASE/agentphone/v1/usage" -H "Authorization: Bearer $READ_KEY"; echo
        curl -sS "$BASE/ultravox/api/accounts/me/usage/calls?agentIds=agent_support" -H "X-API-Key: $READ_KEY"; echo
        curl -sS "$BASE/billing/api/billing/usage" -H "Authorization: Bearer $READ_KEY"; echo

        Dashboard: open {{{{baseUrl}}}}/dashboard and paste the usage:read key ($READ_KEY).
        Host status: curl -sS $BASE/admin/host/status
        Press Ctrl+C to stop (the worker is terminated; Azurite keeps nothing: it runs in memory).
        """;
}

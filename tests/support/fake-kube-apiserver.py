#!/usr/bin/env python3
# fake-kube-apiserver.py: a loopback fake Kubernetes API server that the REAL kubectl 1.32 talks to,
# for golive's tests. Python 3 standard library only.
#
# Usage
#   fake-kube-apiserver.py --kubeconfig PATH [--namespace shop] [--context prod-eu-1] [--verbose]
#       Binds 127.0.0.1 on a free port, writes a kubeconfig at PATH (server http://127.0.0.1:PORT,
#       no auth, user "tester", one context named --context with --namespace, set as current), prints
#       exactly one line "listening 127.0.0.1:PORT" on stdout, and serves until SIGTERM (exit 0) or
#       until its stdin reaches EOF (so it dies with the test that started it).
#   fake-kube-apiserver.py --self-test
#       Starts the server in-process and runs the real kubectl through the scenarios below; exit 0 =
#       all passed. Needs kubectl on PATH (or $KUBECTL).
#
# Control API (plain HTTP JSON on the same port; answers 200 with JSON, 4xx {"error": ...} on misuse)
#   POST /_fake/deployment        {"name":"app","replicas":4,"image":"example/app:v1",
#                                  "revisions":["example/app:v1","example/app:v2"],"paused":false}
#        Deployment + one ReplicaSet per revision (oldest first, revision 1..N, change-cause
#        "deploy <image>", created one hour apart, newest now-5min). The last holds all replicas
#        (Running, Ready), older ones are at 0. The container is "app" with port 8080 ("http").
#        "image" defaults to the last revision; "revisions" defaults to [image]. Answers the
#        deployment. 409 if it exists. Pods are created at once whatever the controller mode.
#   POST /_fake/controller        {"mode":"auto"|"frozen"}   (default: auto)
#        auto: after every mutating API request (create/update/patch/delete) and on a 100 ms tick the
#        controller reconciles until stable (so a rollout completes before kubectl apply returns);
#        frozen: it acts only when stepped.
#   POST /_fake/controller/step   {"times":1}    one reconcile step N times, in either mode.
#   POST /_fake/pods/fault        {"image":"example/app:v3","crashloop":bool,"ready":bool,
#                                  "health_status":503,"health_body":{...},"proxy_status":403}
#        Merged into the image's fault (send {"image":..., "clear":true} to drop it). Applies to
#        every current and future pod running that image, at once (the "kubelet" is never frozen).
#        crashloop: not ready, waiting CrashLoopBackOff, restartCount +1 per 100 ms tick (auto) or
#        per step; and its pod proxy answers 503 ServiceUnavailable "connection refused" unless
#        health_status is set. ready:false: Running but not Ready.
#   POST /_fake/pods/delete-on-proxy {"name":"POD"}   the next proxy request to that pod deletes the
#        pod and answers 404 NotFound (the ReplicaSet later gets a replacement with a new name).
#   GET  /_fake/requests          every Kubernetes API request so far (discovery included, /_fake not):
#                                 [{"method","path","query" (dict of last values),"body" (JSON or
#                                 string or null),"content_type","time"}]
#   POST /_fake/requests/clear    forget them.
#   GET  /_fake/state             {"deployments":[...],"replicasets":[...],"pods":[...]}
#   GET  /_fake/replicasets-created  [{"name","image","revision","time"}] every RS the controller
#                                 ever created (not those of /_fake/deployment).
#   POST /_fake/controller {"mode":"frozen","steps_on_change":N}: frozen, except that a request
#                                 that changes a deployment's spec gets N steps before it is
#                                 answered (the controller acting between `apply` and `pause`).
#   POST /_fake/reject-next {"content_type":"application/json-patch+json","status":500}: the next
#                                 request with that Content-Type is refused with that status.
#   Dropped: /_fake/canary-size. The controller moves one pod per step while the deployment is not
#   paused, so a canary is made with frozen mode + step + `kubectl rollout pause` (404 if called).
#
# Kubernetes API served
#   /version (v1.32.0), /api, /apis, /api/v1, /apis/apps/v1 (legacy discovery only; kubectl asks
#   for aggregated discovery first and falls back on the plain application/json answer).
#   /openapi/v3 serves a minimal document (no schemas): just the PATCH/PUT/POST operations of each
#   kind with the fieldValidation query parameter. kubectl's default --validate=strict needs that:
#   with /openapi/v3 answering 404 it falls back to downloading /openapi/v2 for client-side
#   validation and `kubectl apply` fails with "error validating data: failed to download openapi".
#   With it, kubectl sends ?fieldValidation=Strict (accepted, not enforced: unknown fields are
#   kept, not refused) and computes strategic merge patches from its compiled-in types.
#   /openapi/v2 answers 404. No flag is needed for apply, patch, set image, scale, edit.
#   core/v1 pods (+ /log, /status, /proxy), namespaces (shop, default, kube-system, kube-public and
#   the one given), events (always empty), apps/v1 deployments (+ /status, /scale) and replicasets:
#   GET, LIST (labelSelector =,==,!=,in,notin,exists,!; fieldSelector on any dotted path, e.g.
#   metadata.name), WATCH (chunked JSON events, resourceVersion, timeoutSeconds capped at 60 s,
#   sendInitialEvents + bookmark), POST, PUT (409 Conflict on a stale resourceVersion), DELETE
#   (deployments cascade to ReplicaSets and pods), PATCH strategic-merge / merge / json-patch
#   (a failed "test" op answers 422 Invalid naming the path); apply-patch+yaml answers 415.
#   ?dryRun=All is honoured. `kubectl get` receives server-side Tables for the three kinds.
#   Pod proxy: /api/v1/namespaces/NS/pods/NAME[:PORT]/proxy[/PATH] -> the pod's health answer,
#   default 200 {"status":"ok","cohere":{"status":"healthy","latencyMs":120},"timestamp":..} (the
#   seed's shape; an error status without health_body answers status "degraded", Cohere "down").
#
# What kubectl prints for a non-2xx pod proxy answer through `kubectl get --raw` (exit code 1,
# nothing on stdout; re-checked by --self-test):
#   403 (proxy_status 403, a Kubernetes Status):
#     Error from server (Forbidden): pods "NAME" is forbidden: User "tester" cannot get resource
#     "pods/proxy" in API group "" in the namespace "shop"
#   503 (health_status 503; the pod's own JSON body is not a Status, so kubectl drops it):
#     Error from server (ServiceUnavailable): the server is currently unable to handle the request
#   404 (delete-on-proxy or unknown pod): Error from server (NotFound): pods "NAME" not found
# A json-patch whose "test" op fails (kubectl patch --type=json) prints, exit 1:
#     The Deployment "app" is invalid: /spec/paused: testing value /spec/paused failed: test failed
#   (the real apiserver's wording differs; the path is named on purpose).
#
# Controller (mimics kube-controller-manager's deployment + replicaset controllers and a kubelet)
#   The "new" ReplicaSet is the owned RS whose template equals the deployment's, ignoring the
#   pod-template-hash label. Not paused and none matches -> create NAME-<hash> with revision
#   max+1 at 0 replicas. Not paused and the match is not the newest -> renumber it to max+1 and
#   append its old number to deployment.kubernetes.io/revision-history (what `rollout undo` leads
#   to). Paused -> never create or renumber; only statuses move. Then, when not paused, one pod
#   per step moves from the oldest non-empty old RS to the new one (unready new pods do NOT stall
#   it; the real controller would stall on maxUnavailable). ReplicaSets get exactly
#   spec.replicas pods; statuses and Available/Progressing conditions follow, so `kubectl rollout
#   status` says "successfully rolled out" exactly when every replica is updated and available.
#   A paused deployment is not rescaled. Frozen mode freezes statuses too: after a spec change
#   `kubectl rollout status --watch=false` says "Waiting for deployment spec update to be
#   observed..." until a step. Not modelled: revisionHistoryLimit clean-up, minReadySeconds,
#   progressDeadlineSeconds. Hashes and pod names are deterministic (same template, same name);
#   pods carry an annotation fake/serial (creation order).

import argparse
import bisect
import copy
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_WATCH_SECONDS = 60
# The alphabet Kubernetes uses for generated names and hashes (no vowels, no look-alikes).
NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
REVISION = "deployment.kubernetes.io/revision"
REVISION_HISTORY = "deployment.kubernetes.io/revision-history"
CHANGE_CAUSE = "kubernetes.io/change-cause"
HASH_LABEL = "pod-template-hash"


def utcnow():
    return datetime.now(timezone.utc)


def iso(dt=None):
    return (dt or utcnow()).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_ms(dt=None):
    # what the seed's `new Date().toISOString()` prints
    return (dt or utcnow()).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def parse_iso(text):
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return utcnow()


def safe_hash(text, length):
    digest = hashlib.sha256(text.encode()).digest()
    return "".join(NAME_ALPHABET[b % len(NAME_ALPHABET)] for b in digest[:length])


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def human_age(timestamp):
    """kubectl's duration.HumanDuration, which the server uses for the AGE column."""
    s = max(0, int((utcnow() - parse_iso(timestamp)).total_seconds()))
    if s < 120:
        return f"{s}s"
    m = s // 60
    if m < 10:
        return f"{m}m{s % 60}s" if s % 60 else f"{m}m"
    if m < 180:
        return f"{m}m"
    h = s // 3600
    if h < 8:
        return f"{h}h{(s % 3600) // 60}m" if (s % 3600) // 60 else f"{h}h"
    if h < 48:
        return f"{h}h"
    return f"{h // 24}d{h % 24}h" if h < 192 and h % 24 else f"{h // 24}d"


# ----------------------------------------------------------------------------------------------
# Resources and errors


class Resource:
    def __init__(self, plural, singular, kind, group="", namespaced=True, short=(), generation=False,
                 subresources=()):
        self.plural, self.singular, self.kind, self.group = plural, singular, kind, group
        self.namespaced, self.short, self.generation = namespaced, list(short), generation
        self.subresources = subresources
        self.api_version = f"{group}/v1" if group else "v1"
        # What error messages call it: deployments.apps "app" not found.
        self.qualified = f"{plural}.{group}" if group else plural


RESOURCES = {
    "pods": Resource("pods", "pod", "Pod", short=["po"],
                     subresources=(("log", "Pod", ["get"]), ("proxy", "PodProxyOptions",
                                   ["create", "delete", "get", "patch", "update"]),
                                   ("status", "Pod", ["get", "patch", "update"]))),
    "namespaces": Resource("namespaces", "namespace", "Namespace", namespaced=False, short=["ns"]),
    "events": Resource("events", "event", "Event", short=["ev"]),
    "deployments": Resource("deployments", "deployment", "Deployment", "apps", short=["deploy"],
                            generation=True,
                            subresources=(("scale", "Scale", ["get", "patch", "update"]),
                                          ("status", "Deployment", ["get", "patch", "update"]))),
    "replicasets": Resource("replicasets", "replicaset", "ReplicaSet", "apps", short=["rs"],
                            generation=True,
                            subresources=(("scale", "Scale", ["get", "patch", "update"]),
                                          ("status", "ReplicaSet", ["get", "patch", "update"]))),
}
STORED = ("deployments", "replicasets", "pods")


class ApiError(Exception):
    """An error the API answers as a Kubernetes Status, which kubectl prints as
    'Error from server (REASON): MESSAGE'."""

    def __init__(self, code, reason, message, details=None):
        super().__init__(message)
        self.code, self.reason, self.message, self.details = code, reason, message, details

    def status(self):
        body = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                "message": self.message, "reason": self.reason, "code": self.code}
        if self.details is not None:
            body["details"] = self.details
        return body


def not_found(res, name):
    return ApiError(404, "NotFound", f'{res.qualified} "{name}" not found',
                    {"name": name, "group": res.group, "kind": res.plural})


def invalid(res, name, causes):
    """causes: [(field, message)] -> 422 the way the apiserver words it."""
    text = "; ".join(f"{f}: {m}" for f, m in causes)
    return ApiError(422, "Invalid", f'{res.kind}{"." + res.group if res.group else ""} "{name}" is invalid: {text}',
                    {"name": name, "group": res.group, "kind": res.kind,
                     "causes": [{"reason": "FieldValueInvalid", "message": m, "field": f} for f, m in causes]})


NO_ROUTE = ApiError(404, "NotFound", "the server could not find the requested resource", {})


# ----------------------------------------------------------------------------------------------
# Selectors


def split_top_level(text):
    """Split a label selector on the commas that are not inside "in (a,b)"."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def parse_label_selector(text):
    reqs = []
    for term in split_top_level(text or ""):
        m = re.match(r"^([^\s!=(),]+)\s+(in|notin)\s*\((.*)\)$", term)
        if m:
            reqs.append((m[1], m[2], {v.strip() for v in m[3].split(",") if v.strip()}))
        elif "!=" in term:
            k, v = term.split("!=", 1)
            reqs.append((k.strip(), "!=", v.strip()))
        elif "==" in term:
            k, v = term.split("==", 1)
            reqs.append((k.strip(), "=", v.strip()))
        elif "=" in term:
            k, v = term.split("=", 1)
            reqs.append((k.strip(), "=", v.strip()))
        elif term.startswith("!"):
            reqs.append((term[1:].strip(), "!exists", None))
        else:
            reqs.append((term, "exists", None))
    return reqs


def labels_match(reqs, labels):
    labels = labels or {}
    for key, op, val in reqs:
        have = labels.get(key)
        if op == "=" and have != val:
            return False
        if op == "!=" and have == val:
            return False
        if op == "in" and have not in val:
            return False
        if op == "notin" and have in val:
            return False
        if op == "exists" and key not in labels:
            return False
        if op == "!exists" and key in labels:
            return False
    return True


def parse_field_selector(text):
    reqs = []
    for term in (text or "").split(","):
        term = term.strip()
        if not term:
            continue
        for op in ("!=", "==", "="):
            if op in term:
                k, v = term.split(op, 1)
                reqs.append((k.strip(), "!=" if op == "!=" else "=", v.strip()))
                break
    return reqs


def fields_match(reqs, obj):
    for path, op, val in reqs:
        cur = obj
        for part in path.split("."):
            cur = cur.get(part) if isinstance(cur, dict) else None
        have = "" if cur is None else (str(cur).lower() if isinstance(cur, bool) else str(cur))
        if (op == "=") != (have == val):
            return False
    return True


class Selector:
    def __init__(self, query):
        self.labels = parse_label_selector(query.get("labelSelector", ""))
        self.fields = parse_field_selector(query.get("fieldSelector", ""))

    def __call__(self, obj):
        return (obj is not None and labels_match(self.labels, obj["metadata"].get("labels"))
                and fields_match(self.fields, obj))


# ----------------------------------------------------------------------------------------------
# Patches


# Merge keys of the lists that Kubernetes' strategic merge patch merges instead of replacing.
MERGE_KEYS = {"containers": "name", "initContainers": "name", "ephemeralContainers": "name",
              "env": "name", "volumes": "name", "volumeMounts": "mountPath", "ports": "containerPort",
              "imagePullSecrets": "name", "hostAliases": "ip", "conditions": "type",
              "ownerReferences": "uid", "volumeDevices": "devicePath", "resourceClaims": "name"}


def strip_directives(value):
    if isinstance(value, dict):
        return {k: strip_directives(v) for k, v in value.items()
                if not k.startswith("$") and v is not None}
    if isinstance(value, list):
        return [strip_directives(v) for v in value]
    return value


def strategic_merge(orig, patch):
    """Kubernetes strategic merge patch, enough for what kubectl sends: recursive merge, null
    deletes, lists of objects merged by their merge key, and the $patch / $retainKeys /
    $setElementOrder / $deleteFromPrimitiveList directives."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    if patch.get("$patch") == "replace":
        return strip_directives(patch)
    if patch.get("$patch") == "delete":
        return None
    result = copy.deepcopy(orig) if isinstance(orig, dict) else {}
    for key, value in patch.items():
        if key.startswith("$setElementOrder/") or key in ("$retainKeys", "$patch"):
            continue  # ordering hints and directives handled elsewhere
        if key.startswith("$deleteFromPrimitiveList/"):
            field = key.split("/", 1)[1]
            result[field] = [x for x in result.get(field, []) if x not in value]
            continue
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict):
            merged = strategic_merge(result.get(key), value)
            if merged is None:
                result.pop(key, None)
            else:
                result[key] = merged
        elif isinstance(value, list):
            result[key] = merge_list(result.get(key), value, MERGE_KEYS.get(key))
        else:
            result[key] = value
    retain = patch.get("$retainKeys")
    if isinstance(retain, list):
        for key in list(result):
            if key not in retain:
                del result[key]
    return result


def merge_list(orig, patch, merge_key):
    if (merge_key is None or not isinstance(orig, list)
            or not all(isinstance(x, dict) for x in patch + orig)):
        return [strip_directives(x) for x in patch if not (isinstance(x, dict) and "$patch" in x)]
    if any(x.get("$patch") == "replace" for x in patch):
        return [strip_directives(x) for x in patch if "$patch" not in x]
    result = copy.deepcopy(orig)
    for item in patch:
        pos = next((i for i, o in enumerate(result) if o.get(merge_key) == item.get(merge_key)), None)
        if item.get("$patch") == "delete":
            if pos is not None:
                del result[pos]
        elif pos is None:
            result.append(strip_directives(item))
        else:
            result[pos] = strategic_merge(result[pos], item)
    return result


def merge_patch(orig, patch):
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(orig) if isinstance(orig, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


class PatchError(Exception):
    pass


def _pointer(path):
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(f"invalid JSON pointer {path!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _walk(doc, tokens, path):
    cur = doc
    for tok in tokens:
        if isinstance(cur, dict) and tok in cur:
            cur = cur[tok]
        elif isinstance(cur, list) and tok.isdigit() and int(tok) < len(cur):
            cur = cur[int(tok)]
        else:
            raise PatchError(f"missing value at {path}")
    return cur


def json_patch(doc, ops):
    """RFC 6902 JSON patch, including "test"."""
    doc = copy.deepcopy(doc)
    if not isinstance(ops, list):
        raise PatchError("json patch must be a list of operations")

    def get(path):
        return _walk(doc, _pointer(path), path)

    def remove(path):
        tokens = _pointer(path)
        parent = _walk(doc, tokens[:-1], path)
        last = tokens[-1]
        if isinstance(parent, dict) and last in parent:
            return parent.pop(last)
        if isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
            return parent.pop(int(last))
        raise PatchError(f"unable to remove nonexistent key {last!r} at {path}")

    def add(path, value, replace=False):
        nonlocal doc
        tokens = _pointer(path)
        if not tokens:
            doc = value
            return
        parent = _walk(doc, tokens[:-1], path)
        last = tokens[-1]
        if isinstance(parent, dict):
            if replace and last not in parent:
                raise PatchError(f"replace operation does not apply: doc is missing key: {path}")
            parent[last] = value
        elif isinstance(parent, list):
            if last == "-":
                parent.append(value)
            elif last.isdigit() and int(last) <= len(parent) - (1 if replace else 0):
                if replace:
                    parent[int(last)] = value
                else:
                    parent.insert(int(last), value)
            else:
                raise PatchError(f"index out of range at {path}")
        else:
            raise PatchError(f"missing value at {path}")

    for op in ops:
        kind, path = op.get("op"), op.get("path", "")
        if kind == "add":
            add(path, copy.deepcopy(op.get("value")))
        elif kind == "remove":
            remove(path)
        elif kind == "replace":
            add(path, copy.deepcopy(op.get("value")), replace=True)
        elif kind == "move":
            add(path, remove(op.get("from", "")))
        elif kind == "copy":
            add(path, copy.deepcopy(get(op.get("from", ""))))
        elif kind == "test":
            try:
                have = get(path)
            except PatchError:
                have = None
            if canonical(have) != canonical(op.get("value")):
                raise PatchError(f"testing value {path} failed: test failed")
        else:
            raise PatchError(f"unexpected kind of patch operation: {kind!r}")
    return doc


# ----------------------------------------------------------------------------------------------
# Store


class Store:
    """All objects, the global resourceVersion counter and the event log that watches read.
    One re-entrant lock guards everything; `changed` wakes the watches."""

    def __init__(self, namespaces):
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.objects = {}  # (plural, namespace, name) -> object
        self.rv = 0
        self.log = []  # (rv, plural, namespace, type, object, previous object)
        self.log_rvs = []
        self.namespaces = set(namespaces)
        self.serial = 0

    def next_serial(self):
        self.serial += 1
        return self.serial

    def get(self, plural, ns, name):
        with self.lock:
            obj = self.objects.get((plural, ns, name))
            return copy.deepcopy(obj) if obj else None

    def list(self, plural, ns=None):
        with self.lock:
            return [copy.deepcopy(o) for (p, n, _), o in sorted(self.objects.items())
                    if p == plural and (ns is None or n == ns)]

    def _record(self, plural, ns, kind, obj, previous):
        self.rv += 1
        obj["metadata"]["resourceVersion"] = str(self.rv)  # a DELETED event carries the deletion's
        self.log.append((self.rv, plural, ns, kind, copy.deepcopy(obj), previous))
        self.log_rvs.append(self.rv)
        self.changed.notify_all()

    def create(self, plural, obj):
        with self.lock:
            meta = obj["metadata"]
            key = (plural, meta.get("namespace"), meta["name"])
            if key in self.objects:
                res = RESOURCES[plural]
                raise ApiError(409, "AlreadyExists", f'{res.qualified} "{meta["name"]}" already exists',
                               {"name": meta["name"], "group": res.group, "kind": res.plural})
            meta.setdefault("uid", str(uuid.uuid4()))
            meta.setdefault("creationTimestamp", iso())
            if RESOURCES[plural].generation:
                meta["generation"] = 1
            self._record(plural, key[1], "ADDED", obj, None)
            self.objects[key] = obj
            return copy.deepcopy(obj)

    def save(self, plural, obj):
        """Replace a stored object. A write that changes nothing is a no-op (no new resourceVersion,
        no event), as on the real server; a spec change bumps metadata.generation."""
        with self.lock:
            meta = obj["metadata"]
            key = (plural, meta.get("namespace"), meta["name"])
            old = self.objects.get(key)
            if old is None:
                raise not_found(RESOURCES[plural], meta["name"])
            obj = copy.deepcopy(obj)
            for field in ("uid", "creationTimestamp"):
                obj["metadata"][field] = old["metadata"].get(field)
            if RESOURCES[plural].generation:
                gen = old["metadata"].get("generation", 1)
                obj["metadata"]["generation"] = gen + 1 if obj.get("spec") != old.get("spec") else gen
            obj["metadata"]["resourceVersion"] = old["metadata"]["resourceVersion"]
            if canonical(obj) == canonical(old):
                return copy.deepcopy(old)
            self._record(plural, key[1], "MODIFIED", obj, copy.deepcopy(old))
            self.objects[key] = obj
            return copy.deepcopy(obj)

    def delete(self, plural, ns, name):
        with self.lock:
            old = self.objects.pop((plural, ns, name), None)
            if old is None:
                raise not_found(RESOURCES[plural], name)
            self._record(plural, ns, "DELETED", copy.deepcopy(old), copy.deepcopy(old))
            return old

    def events_after(self, rv):
        with self.lock:
            return self.log[bisect.bisect_right(self.log_rvs, rv):]


def owned_by(obj, owner):
    return any(ref.get("uid") == owner["metadata"]["uid"] and ref.get("controller")
               for ref in obj["metadata"].get("ownerReferences", []))


def revision_of(rs):
    try:
        return int(rs["metadata"].get("annotations", {}).get(REVISION, "0"))
    except ValueError:
        return 0


def template_key(template):
    """A template as the controller compares it: canonical JSON without the pod-template-hash."""
    t = copy.deepcopy(template or {})
    t.setdefault("metadata", {}).setdefault("labels", {}).pop(HASH_LABEL, None)
    if not t["metadata"]["labels"]:
        del t["metadata"]["labels"]
    t["metadata"].pop("creationTimestamp", None)  # kubectl sends null here
    if not t["metadata"]:
        del t["metadata"]
    return canonical(t)


def container_images(template):
    return [c.get("image", "") for c in template.get("spec", {}).get("containers", [])]


# ----------------------------------------------------------------------------------------------
# Controller


class Controller:
    """The deployment controller, the replicaset controller and a kubelet in one deterministic
    loop. Every step makes at most one scaling move per deployment, so frozen mode plus
    /_fake/controller/step reproduces any intermediate state of a rollout."""

    def __init__(self, store):
        self.store = store
        self.mode = "auto"
        self.faults = {}  # image -> fault dict
        self.delete_on_proxy = set()
        self.created = []  # ReplicaSets the controller created
        self.ip_counter = 1
        self.seeding = False  # set while /_fake/deployment builds its history
        # Frozen, but a change of a deployment's spec gets this many steps before the
        # request is answered: the controller beating the next kubectl call, deterministically.
        self.steps_on_change = 0
        self.seen_templates = {}

    # -- driving

    def template_keys(self):
        # Every spec change bumps the generation: the controller reacts to each one (a pause too).
        return {(d["metadata"]["namespace"], d["metadata"]["name"]): d["metadata"].get("generation")
                for d in self.store.list("deployments")}

    def after_mutation(self):
        if self.mode == "auto":
            self.settle()
            return
        with self.store.lock:
            keys = self.template_keys()
            changed = keys != self.seen_templates
            self.seen_templates = keys
            if changed and self.steps_on_change > 0:
                for _ in range(self.steps_on_change):
                    self.step(bump_restarts=False)

    def settle(self):
        with self.store.lock:
            for _ in range(10000):
                if not self.step(bump_restarts=False):
                    break

    def tick_forever(self):
        # The background tick: crashlooping containers restart, and anything left over settles.
        while True:
            time.sleep(0.1)
            try:
                if self.mode == "auto":
                    with self.store.lock:
                        self.sync_pod_states(bump_restarts=True)
                        self.settle()
            except Exception:  # never let the tick thread die
                traceback.print_exc()

    def step(self, bump_restarts=True):
        """One reconcile step over every deployment; True when anything changed."""
        with self.store.lock:
            before = self.store.rv
            for dep in self.store.list("deployments"):
                self.sync_deployment(dep)
            self.sync_pod_states(bump_restarts)
            return self.store.rv != before

    # -- the deployment controller

    def owned_replicasets(self, dep):
        ns = dep["metadata"]["namespace"]
        return sorted((rs for rs in self.store.list("replicasets", ns) if owned_by(rs, dep)),
                      key=lambda rs: (revision_of(rs), rs["metadata"]["creationTimestamp"]))

    def sync_deployment(self, dep):
        store, meta, spec = self.store, dep["metadata"], dep["spec"]
        paused = bool(spec.get("paused"))
        rss = self.owned_replicasets(dep)
        key = template_key(spec.get("template"))
        new = next((rs for rs in rss if template_key(rs["spec"]["template"]) == key), None)
        max_rev = max((revision_of(rs) for rs in rss), default=0)

        if not paused:
            if new is None:
                new = self.create_replicaset(dep, max_rev + 1)
                rss.append(new)
            elif revision_of(new) < max_rev:
                # The template came back (rollout undo, or re-applying an old image): the real
                # controller renumbers that RS to the next revision and remembers its old number.
                ann = new["metadata"].setdefault("annotations", {})
                old_rev = ann.get(REVISION, "0")
                history = [h for h in ann.get(REVISION_HISTORY, "").split(",") if h]
                ann[REVISION_HISTORY] = ",".join(history + [old_rev])
                ann[REVISION] = str(max_rev + 1)
                if CHANGE_CAUSE in meta.get("annotations", {}):
                    ann[CHANGE_CAUSE] = meta["annotations"][CHANGE_CAUSE]
                new = store.save("replicasets", new)
                rss = self.owned_replicasets(dep)
                new = next(rs for rs in rss if rs["metadata"]["uid"] == new["metadata"]["uid"])
            ann = meta.setdefault("annotations", {})
            if ann.get(REVISION) != str(revision_of(new)):
                ann[REVISION] = str(revision_of(new))
                dep = store.save("deployments", dep)
            self.scale_one(dep, new, rss)
            rss = self.owned_replicasets(dep)
            new = next(rs for rs in rss if rs["metadata"]["uid"] == new["metadata"]["uid"])

        for rs in rss:
            self.sync_pods(rs)
        for rs in rss:
            self.sync_replicaset_status(rs)
        self.sync_deployment_status(store.get("deployments", meta["namespace"], meta["name"]), new)

    def create_replicaset(self, dep, revision):
        meta = dep["metadata"]
        template = copy.deepcopy(dep["spec"]["template"])
        template.setdefault("metadata", {}).pop("creationTimestamp", None)
        pod_hash = safe_hash(template_key(template), 10)
        name = f'{meta["name"]}-{pod_hash}'
        template["metadata"].setdefault("labels", {})[HASH_LABEL] = pod_hash
        selector = copy.deepcopy(dep["spec"].get("selector", {}))
        selector.setdefault("matchLabels", {})[HASH_LABEL] = pod_hash
        annotations = {REVISION: str(revision),
                       "deployment.kubernetes.io/desired-replicas": str(dep["spec"].get("replicas", 1)),
                       "deployment.kubernetes.io/max-replicas": str(dep["spec"].get("replicas", 1) + 1)}
        if CHANGE_CAUSE in meta.get("annotations", {}):
            annotations[CHANGE_CAUSE] = meta["annotations"][CHANGE_CAUSE]
        rs = new_replicaset(dep, name, template, selector, annotations, 0)
        rs = self.store.create("replicasets", rs)
        images = container_images(template)
        self.created.append({"name": name, "image": images[0] if images else "",
                             "revision": revision, "time": iso()})
        return rs

    def scale_one(self, dep, new, rss):
        """Move at most one pod: from the oldest non-empty old ReplicaSet to the new one, or,
        with no old pods left, bring the new one to the desired count."""
        desired = dep["spec"].get("replicas", 1)
        olds = [rs for rs in rss if rs["metadata"]["uid"] != new["metadata"]["uid"]
                and rs["spec"].get("replicas", 0) > 0]
        if olds:
            old = olds[0]
            old["spec"]["replicas"] -= 1
            self.store.save("replicasets", old)
            if new["spec"].get("replicas", 0) < desired:
                new["spec"]["replicas"] = new["spec"].get("replicas", 0) + 1
                self.store.save("replicasets", new)
        elif new["spec"].get("replicas", 0) != desired:
            new["spec"]["replicas"] = desired
            self.store.save("replicasets", new)

    # -- the replicaset controller

    def sync_pods(self, rs):
        ns = rs["metadata"]["namespace"]
        pods = sorted((p for p in self.store.list("pods", ns) if owned_by(p, rs)),
                      key=lambda p: p["metadata"].get("annotations", {}).get("fake/serial", "0").zfill(9))
        want = rs["spec"].get("replicas", 0)
        while len(pods) > want:  # newest go first
            victim = pods.pop()
            self.store.delete("pods", ns, victim["metadata"]["name"])
        while len(pods) < want:
            pods.append(self.create_pod(rs))

    def create_pod(self, rs):
        serial = self.store.next_serial()
        name = f'{rs["metadata"]["name"]}-{safe_hash(rs["metadata"]["name"] + str(serial), 5)}'
        template = copy.deepcopy(rs["spec"]["template"])
        self.ip_counter = self.ip_counter % 250 + 1
        pod = {
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "generateName": rs["metadata"]["name"] + "-",
                         "namespace": rs["metadata"]["namespace"],
                         "labels": template.get("metadata", {}).get("labels", {}),
                         "annotations": {"fake/serial": str(serial)},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                                              "name": rs["metadata"]["name"], "uid": rs["metadata"]["uid"],
                                              "controller": True, "blockOwnerDeletion": True}]},
            "spec": dict(template.get("spec", {}), nodeName="fake-node-1"),
            "status": {"phase": "Running", "hostIP": "10.0.0.1", "podIP": f"10.0.0.{self.ip_counter + 3}",
                       "podIPs": [{"ip": f"10.0.0.{self.ip_counter + 3}"}], "startTime": iso(),
                       "qosClass": "BestEffort"},
        }
        if self.seeding:
            # pods of a /_fake/deployment are as old as their ReplicaSet
            pod["metadata"]["creationTimestamp"] = rs["metadata"]["creationTimestamp"]
            pod["status"]["startTime"] = rs["metadata"]["creationTimestamp"]
        self.apply_pod_state(pod, bump_restarts=False)
        return self.store.create("pods", pod)

    # -- the kubelet

    def apply_pod_state(self, pod, bump_restarts):
        """Set a pod's readiness and container statuses from the faults of its images."""
        now = iso()
        old_statuses = {c["name"]: c for c in pod["status"].get("containerStatuses", [])}
        statuses, all_ready = [], True
        for c in pod["spec"].get("containers", []):
            fault = self.faults.get(c.get("image"), {})
            prev = old_statuses.get(c["name"], {})
            restarts = prev.get("restartCount", 0)
            started = pod["status"].get("startTime", now)
            if fault.get("crashloop"):
                if bump_restarts:
                    restarts += 1
                status = {"name": c["name"], "image": c.get("image"), "ready": False, "started": False,
                          "restartCount": restarts,
                          "state": {"waiting": {"reason": "CrashLoopBackOff",
                                                "message": f'back-off 10s restarting failed container={c["name"]} pod={pod["metadata"]["name"]}'}},
                          "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
                                                       "startedAt": started, "finishedAt": started}}}
                ready = False
            else:
                ready = fault.get("ready", True) is not False
                status = {"name": c["name"], "image": c.get("image"), "ready": ready, "started": True,
                          "restartCount": restarts,
                          "state": {"running": {"startedAt": prev.get("state", {}).get("running", {}).get("startedAt", started)}}}
                if prev.get("lastState"):
                    status["lastState"] = prev["lastState"]
            status["imageID"] = "docker.io/" + str(c.get("image"))
            status["containerID"] = "containerd://" + safe_hash(pod["metadata"]["name"] + c["name"], 16)
            statuses.append(status)
            all_ready = all_ready and ready
        old_conds = {c["type"]: c for c in pod["status"].get("conditions", [])}
        conds = []
        for kind, value in (("Initialized", True), ("Ready", all_ready), ("ContainersReady", all_ready),
                            ("PodScheduled", True)):
            text = "True" if value else "False"
            prev = old_conds.get(kind)
            cond = {"type": kind, "status": text,
                    "lastTransitionTime": prev["lastTransitionTime"] if prev and prev["status"] == text else now,
                    "lastProbeTime": None}
            if not value:
                cond["reason"] = "ContainersNotReady"
                cond["message"] = "containers with unready status: [" + " ".join(
                    s["name"] for s in statuses if not s["ready"]) + "]"
            conds.append(cond)
        pod["status"]["conditions"] = conds
        pod["status"]["containerStatuses"] = statuses

    def sync_pod_states(self, bump_restarts):
        with self.store.lock:
            for pod in self.store.list("pods"):
                if not any(self.faults.get(c.get("image"), {}).get("crashloop")
                           for c in pod["spec"].get("containers", [])) and bump_restarts:
                    bump = False
                else:
                    bump = bump_restarts
                before = canonical(pod["status"])
                self.apply_pod_state(pod, bump)
                if canonical(pod["status"]) != before:
                    self.store.save("pods", pod)

    # -- statuses

    def pod_counts(self, rs):
        pods = [p for p in self.store.list("pods", rs["metadata"]["namespace"]) if owned_by(p, rs)]
        ready = sum(1 for p in pods if any(c["type"] == "Ready" and c["status"] == "True"
                                           for c in p["status"].get("conditions", [])))
        return len(pods), ready

    def sync_replicaset_status(self, rs):
        rs = self.store.get("replicasets", rs["metadata"]["namespace"], rs["metadata"]["name"])
        total, ready = self.pod_counts(rs)
        status = {"replicas": total, "observedGeneration": rs["metadata"].get("generation", 1)}
        # The real API omits zero counts (omitempty), except replicas.
        for field, value in (("fullyLabeledReplicas", total), ("readyReplicas", ready),
                             ("availableReplicas", ready)):
            if value:
                status[field] = value
        rs["status"] = status
        self.store.save("replicasets", rs)

    def sync_deployment_status(self, dep, new):
        rss = self.owned_replicasets(dep)
        desired = dep["spec"].get("replicas", 1)
        total = ready = 0
        spec_total = sum(rs["spec"].get("replicas", 0) for rs in rss)
        updated = 0
        for rs in rss:
            t, r = self.pod_counts(rs)
            total, ready = total + t, ready + r
            if new is not None and rs["metadata"]["uid"] == new["metadata"]["uid"]:
                updated = t
        status = {"observedGeneration": dep["metadata"].get("generation", 1)}
        for field, value in (("replicas", total), ("updatedReplicas", updated), ("readyReplicas", ready),
                             ("availableReplicas", ready),
                             ("unavailableReplicas", max(0, spec_total - ready))):
            if value:
                status[field] = value
        old_conds = {c["type"]: c for c in dep.get("status", {}).get("conditions", [])}
        max_unavailable = resolve_percent(
            dep["spec"].get("strategy", {}).get("rollingUpdate", {}).get("maxUnavailable", "25%"), desired)
        available = ready >= desired - max_unavailable
        new_name = new["metadata"]["name"] if new else ""
        complete = new is not None and updated == desired and ready == desired and total == desired
        if dep["spec"].get("paused"):
            progressing = ("Unknown", "DeploymentPaused", "Deployment is paused")
        elif complete:
            progressing = ("True", "NewReplicaSetAvailable", f'ReplicaSet "{new_name}" has successfully progressed.')
        else:
            progressing = ("True", "ReplicaSetUpdated", f'ReplicaSet "{new_name}" is progressing.')
        wanted = [("Available", ("True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
                   if available else ("False", "MinimumReplicasUnavailable",
                                      "Deployment does not have minimum availability.")),
                  ("Progressing", progressing)]
        conds, now = [], iso()
        for kind, (value, reason, message) in wanted:
            prev = old_conds.get(kind, {})
            same = prev.get("status") == value
            unchanged = same and prev.get("reason") == reason and prev.get("message") == message
            conds.append({"type": kind, "status": value, "reason": reason, "message": message,
                          "lastUpdateTime": prev["lastUpdateTime"] if unchanged else now,
                          "lastTransitionTime": prev["lastTransitionTime"] if same else now})
        status["conditions"] = conds
        dep["status"] = status
        self.store.save("deployments", dep)


def resolve_percent(value, total):
    if isinstance(value, str) and value.endswith("%"):
        return int(total * int(value[:-1]) // 100)
    return int(value)


def new_replicaset(dep, name, template, selector, annotations, replicas, created=None):
    meta = dep["metadata"]
    rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
          "metadata": {"name": name, "namespace": meta["namespace"], "annotations": annotations,
                       "labels": copy.deepcopy(template.get("metadata", {}).get("labels", {})),
                       "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": meta["name"],
                                            "uid": meta["uid"], "controller": True, "blockOwnerDeletion": True}]},
          "spec": {"replicas": replicas, "minReadySeconds": dep["spec"].get("minReadySeconds", 0),
                   "selector": selector, "template": template},
          "status": {"replicas": 0}}
    if created:
        rs["metadata"]["creationTimestamp"] = created
    return rs


# ----------------------------------------------------------------------------------------------
# Defaulting and validation (the part of the apiserver kubectl output depends on)


def default_template(template):
    spec = template.setdefault("spec", {})
    spec.setdefault("restartPolicy", "Always")
    spec.setdefault("terminationGracePeriodSeconds", 30)
    spec.setdefault("dnsPolicy", "ClusterFirst")
    spec.setdefault("securityContext", {})
    spec.setdefault("schedulerName", "default-scheduler")
    for c in spec.get("containers", []):
        image = c.get("image", "")
        c.setdefault("imagePullPolicy", "Always" if image.endswith(":latest") or ":" not in image.split("/")[-1]
                     else "IfNotPresent")
        c.setdefault("terminationMessagePath", "/dev/termination-log")
        c.setdefault("terminationMessagePolicy", "File")
        c.setdefault("resources", {})
        for p in c.get("ports", []):
            p.setdefault("protocol", "TCP")
    template.setdefault("metadata", {})
    template["metadata"].pop("creationTimestamp", None)


def default_and_validate(res, obj):
    meta = obj["metadata"]
    name = meta.get("name", "")
    if not name:
        raise invalid(res, name, [("metadata.name", "Required value: name or generateName is required")])
    if not re.fullmatch(r"[a-z0-9]([-a-z0-9.]*[a-z0-9])?", name) or len(name) > 253:
        raise invalid(res, name, [("metadata.name", f'Invalid value: "{name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character')])
    if res.plural in ("deployments", "replicasets"):
        spec = obj.setdefault("spec", {})
        spec.setdefault("replicas", 1)
        spec.setdefault("revisionHistoryLimit", 10)
        if res.plural == "deployments":
            spec.setdefault("progressDeadlineSeconds", 600)
            strategy = spec.setdefault("strategy", {"type": "RollingUpdate"})
            if strategy.get("type", "RollingUpdate") == "RollingUpdate":
                strategy["type"] = "RollingUpdate"
                ru = strategy.setdefault("rollingUpdate", {})
                ru.setdefault("maxUnavailable", "25%")
                ru.setdefault("maxSurge", "25%")
        template = spec.setdefault("template", {})
        default_template(template)
        causes = []
        selector = (spec.get("selector") or {}).get("matchLabels")
        if not spec.get("selector"):
            causes.append(("spec.selector", "Required value"))
        elif selector and not labels_match([(k, "=", v) for k, v in selector.items()],
                                           template.get("metadata", {}).get("labels")):
            causes.append(("spec.template.metadata.labels",
                           "Invalid value: map[string]string{" + ", ".join(f"{json.dumps(k)}:{json.dumps(v)}" for k, v in sorted(template.get("metadata", {}).get("labels", {}).items())) + "}: `selector` does not match template `labels`"))
        containers = template["spec"].get("containers") or []
        if not containers:
            causes.append(("spec.template.spec.containers", "Required value"))
        for i, c in enumerate(containers):
            if not c.get("name"):
                causes.append((f"spec.template.spec.containers[{i}].name", "Required value"))
            if not c.get("image"):
                causes.append((f"spec.template.spec.containers[{i}].image", "Required value"))
        if not isinstance(spec.get("replicas"), int) or spec["replicas"] < 0:
            causes.append(("spec.replicas", f"Invalid value: {json.dumps(spec.get('replicas'))}: must be greater than or equal to 0"))
        if causes:
            raise invalid(res, name, causes)
    if res.plural == "pods":
        obj.setdefault("spec", {})
        obj.setdefault("status", {"phase": "Pending"})


# ----------------------------------------------------------------------------------------------
# Kubernetes API semantics


class KubeApi:
    def __init__(self, store, controller, namespace):
        self.store, self.controller, self.namespace = store, controller, namespace

    def check_namespace(self, ns):
        if ns not in self.store.namespaces:
            raise ApiError(404, "NotFound", f'namespaces "{ns}" not found',
                           {"name": ns, "kind": "namespaces"})

    def get(self, res, ns, name):
        obj = self.store.get(res.plural, ns, name)
        if obj is None:
            raise not_found(res, name)
        return obj

    def list(self, res, ns, query):
        selector = Selector(query)
        with self.store.lock:
            items = [o for o in self.store.list(res.plural, ns) if selector(o)]
            rv = str(self.store.rv)
        return {"kind": res.kind + "List", "apiVersion": res.api_version,
                "metadata": {"resourceVersion": rv}, "items": items}

    def create(self, res, ns, body, dry_run):
        if not isinstance(body, dict):
            raise ApiError(400, "BadRequest", "the body of the request was in an unknown format")
        self.check_namespace(ns)
        obj = copy.deepcopy(body)
        obj["apiVersion"], obj["kind"] = res.api_version, res.kind
        meta = obj.setdefault("metadata", {})
        if meta.get("namespace") not in (None, "", ns):
            raise ApiError(400, "BadRequest",
                           "the namespace of the provided object does not match the namespace sent on the request")
        meta["namespace"] = ns
        if not meta.get("name") and meta.get("generateName"):
            meta["name"] = meta["generateName"] + safe_hash(str(uuid.uuid4()), 5)
        for field in ("uid", "resourceVersion", "creationTimestamp", "generation"):
            meta.pop(field, None)
        if res.plural != "pods":
            obj.pop("status", None)
        default_and_validate(res, obj)
        if dry_run:
            with self.store.lock:
                if self.store.get(res.plural, ns, meta["name"]) is not None:
                    raise ApiError(409, "AlreadyExists", f'{res.qualified} "{meta["name"]}" already exists',
                                   {"name": meta["name"], "group": res.group, "kind": res.plural})
            meta.update(uid=str(uuid.uuid4()), creationTimestamp=iso(), generation=1)
            return obj
        created = self.store.create(res.plural, obj)
        self.controller.after_mutation()
        return self.store.get(res.plural, ns, meta["name"]) or created

    def replace(self, res, ns, name, new, dry_run, subresource=None, expected_rv=None):
        """Store `new` as the next version of an object (PUT and PATCH end here)."""
        with self.store.lock:
            old = self.get(res, ns, name)
            if not isinstance(new, dict):
                raise ApiError(400, "BadRequest", "the body of the request was in an unknown format")
            new = copy.deepcopy(new)
            new["apiVersion"], new["kind"] = res.api_version, res.kind
            meta = new.setdefault("metadata", {})
            if meta.get("name", name) != name:
                raise ApiError(400, "BadRequest", "the name of the object (%s) does not match the name on the URL (%s)" % (meta.get("name"), name))
            rv = expected_rv if expected_rv is not None else meta.get("resourceVersion")
            if rv and rv != old["metadata"]["resourceVersion"]:
                raise ApiError(409, "Conflict",
                               f'Operation cannot be fulfilled on {res.qualified} "{name}": the object has been modified; please apply your changes to the latest version and try again',
                               {"name": name, "group": res.group, "kind": res.plural})
            meta.update(name=name, namespace=ns)
            if subresource == "status":
                # The status subresource changes only the status.
                new = dict(old, status=new.get("status", {}))
            else:
                if "status" in old:
                    new["status"] = old["status"]  # status is the controller's
                default_and_validate(res, new)
            if dry_run:
                return new
            saved = self.store.save(res.plural, new)
        self.controller.after_mutation()
        return self.store.get(res.plural, ns, name) or saved

    def patch(self, res, ns, name, content_type, raw, dry_run, subresource=None):
        ctype = (content_type or "").split(";")[0].strip()
        if ctype == "application/apply-patch+yaml":
            raise ApiError(415, "UnsupportedMediaType",
                           "the fake apiserver does not support server-side apply (application/apply-patch+yaml)")
        try:
            patch = json.loads(raw.decode() or "null")
        except ValueError as e:
            raise ApiError(400, "BadRequest", f"error decoding patch: {e}")
        with self.store.lock:
            old = self.get(res, ns, name)
            doc = self.scale_view(res, old) if subresource == "scale" else old
            try:
                if ctype == "application/strategic-merge-patch+json":
                    patched = strategic_merge(doc, patch)
                elif ctype == "application/merge-patch+json":
                    patched = merge_patch(doc, patch)
                elif ctype == "application/json-patch+json":
                    patched = json_patch(doc, patch)
                else:
                    raise ApiError(415, "UnsupportedMediaType",
                                   f'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json')
            except PatchError as e:
                # The apiserver answers a failed json-patch operation (e.g. "test") with 422.
                raise ApiError(422, "Invalid", f"the server rejected our request due to an error in our request: {e}",
                               {"name": name, "group": res.group, "kind": res.kind,
                                "causes": [{"reason": "FieldValueInvalid", "message": str(e),
                                            "field": str(e).split(" ")[2] if str(e).startswith("testing value ") else ""}]})
            if subresource == "scale":
                return self.set_scale(res, ns, name, patched, dry_run)
            return self.replace(res, ns, name, patched, dry_run, subresource,
                                expected_rv=(patch.get("metadata") or {}).get("resourceVersion")
                                if isinstance(patch, dict) else None)

    def delete(self, res, ns, name, dry_run):
        with self.store.lock:
            obj = self.get(res, ns, name)
            if not dry_run:
                self.cascade_delete(res.plural, obj)
        if not dry_run:
            self.controller.after_mutation()
        return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
                "details": {"name": name, "group": res.group, "kind": res.plural,
                            "uid": obj["metadata"]["uid"]}}

    def cascade_delete(self, plural, obj):
        """The garbage collector, synchronously: owned ReplicaSets and pods go too."""
        meta = obj["metadata"]
        self.store.delete(plural, meta["namespace"], meta["name"])
        for child_plural in ("replicasets", "pods"):
            for child in self.store.list(child_plural, meta["namespace"]):
                if owned_by(child, obj):
                    self.cascade_delete(child_plural, child)

    @staticmethod
    def scale_view(res, obj):
        meta = obj["metadata"]
        return {"kind": "Scale", "apiVersion": "autoscaling/v1",
                "metadata": {"name": meta["name"], "namespace": meta["namespace"], "uid": meta["uid"],
                             "resourceVersion": meta["resourceVersion"],
                             "creationTimestamp": meta["creationTimestamp"]},
                "spec": {"replicas": obj["spec"].get("replicas", 1)},
                "status": {"replicas": obj.get("status", {}).get("replicas", 0),
                           "selector": ",".join(f"{k}={v}" for k, v in
                                                obj["spec"].get("selector", {}).get("matchLabels", {}).items())}}

    def set_scale(self, res, ns, name, scale, dry_run):
        obj = self.get(res, ns, name)
        obj["spec"]["replicas"] = (scale.get("spec") or {}).get("replicas", obj["spec"].get("replicas"))
        saved = self.replace(res, ns, name, obj, dry_run, expected_rv=(scale.get("metadata") or {}).get("resourceVersion"))
        return self.scale_view(res, saved)


# ----------------------------------------------------------------------------------------------
# Discovery and tables


def discovery_resources(group):
    out = []
    for res in RESOURCES.values():
        if res.group != group:
            continue
        verbs = (["get", "list", "watch"] if res.plural in ("namespaces",) else
                 ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"])
        entry = {"name": res.plural, "singularName": res.singular, "namespaced": res.namespaced,
                 "kind": res.kind, "verbs": verbs}
        if res.short:
            entry["shortNames"] = res.short
        if res.plural in ("pods", "deployments", "replicasets"):
            entry["categories"] = ["all"]
        out.append(entry)
        for sub, kind, sub_verbs in res.subresources:
            item = {"name": f"{res.plural}/{sub}", "singularName": "", "namespaced": True,
                    "kind": kind, "verbs": sub_verbs}
            if kind == "Scale":
                item.update(group="autoscaling", version="v1")
            out.append(item)
    return out


def openapi_v3(group_path):
    """Just enough OpenAPI v3 for kubectl's --validate=strict (the default) to see that the server
    validates fields itself (the PATCH operation of each kind lists the fieldValidation query
    parameter), so kubectl sends ?fieldValidation=Strict instead of downloading a schema. Without
    it, `kubectl apply` fails with "failed to download openapi". No schemas are served, so kubectl
    computes strategic merge patches from its compiled-in types."""
    groups = {"api/v1": "", "apis/apps/v1": "apps"}
    if not group_path:
        return {"paths": {gp: {"serverRelativeURL": f"/openapi/v3/{gp}?hash=FAKE0001"} for gp in groups}}
    if group_path not in groups:
        raise NO_ROUTE
    group = groups[group_path]
    params = [{"name": n, "in": "query", "schema": {"type": "string", "uniqueItems": True}}
              for n in ("dryRun", "fieldManager", "fieldValidation", "force")]
    paths = {}
    for res in RESOURCES.values():
        if res.group != group or res.plural in ("namespaces", "events"):
            continue
        gvk = {"group": group, "version": "v1", "kind": res.kind}
        paths[f"/{group_path}/namespaces/{{namespace}}/{res.plural}/{{name}}"] = {
            "patch": {"operationId": f"patch{res.kind}", "x-kubernetes-action": "patch",
                      "x-kubernetes-group-version-kind": gvk, "parameters": params,
                      "responses": {"200": {"description": "OK"}}},
            "put": {"operationId": f"replace{res.kind}", "x-kubernetes-action": "put",
                    "x-kubernetes-group-version-kind": gvk, "parameters": params,
                    "responses": {"200": {"description": "OK"}}}}
        paths[f"/{group_path}/namespaces/{{namespace}}/{res.plural}"] = {
            "post": {"operationId": f"create{res.kind}", "x-kubernetes-action": "post",
                     "x-kubernetes-group-version-kind": gvk, "parameters": params,
                     "responses": {"201": {"description": "Created"}}}}
    return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.32.0"},
            "paths": paths, "components": {"schemas": {}}}


def table(res, objs, include_object):
    """The server-side table `kubectl get` asks for, with the columns of the real server."""
    def num(v):
        return v or 0

    columns, rows = [("Name", "string", "name")], []
    if res.plural == "deployments":
        columns += [("Ready", "string", ""), ("Up-to-date", "integer", ""), ("Available", "integer", ""),
                    ("Age", "string", "")]
    elif res.plural == "replicasets":
        columns += [("Desired", "integer", ""), ("Current", "integer", ""), ("Ready", "integer", ""),
                    ("Age", "string", "")]
    elif res.plural == "pods":
        columns += [("Ready", "string", ""), ("Status", "string", ""), ("Restarts", "string", ""),
                    ("Age", "string", "")]
    else:
        columns += [("Age", "string", "")]
    for obj in objs:
        meta, status, spec = obj["metadata"], obj.get("status", {}), obj.get("spec", {})
        age = human_age(meta.get("creationTimestamp"))
        if res.plural == "deployments":
            cells = [meta["name"], f'{num(status.get("readyReplicas"))}/{spec.get("replicas", 1)}',
                     num(status.get("updatedReplicas")), num(status.get("availableReplicas")), age]
        elif res.plural == "replicasets":
            cells = [meta["name"], spec.get("replicas", 0), num(status.get("replicas")),
                     num(status.get("readyReplicas")), age]
        elif res.plural == "pods":
            cs = status.get("containerStatuses", [])
            waiting = [c["state"]["waiting"].get("reason") for c in cs if "waiting" in c.get("state", {})]
            cells = [meta["name"], f'{sum(1 for c in cs if c.get("ready"))}/{len(cs)}',
                     waiting[0] if waiting else status.get("phase", "Pending"),
                     str(sum(c.get("restartCount", 0) for c in cs)), age]
        else:
            cells = [meta["name"], age]
        row_obj = obj if include_object else {"kind": "PartialObjectMetadata",
                                              "apiVersion": "meta.k8s.io/v1", "metadata": meta}
        rows.append({"cells": cells, "object": row_obj})
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {},
            "columnDefinitions": [{"name": n, "type": t, "format": f, "description": "", "priority": 0}
                                  for n, t, f in columns],
            "rows": rows}


# ----------------------------------------------------------------------------------------------
# HTTP


class App:
    def __init__(self, namespace, verbose=False):
        self.namespace = namespace
        self.verbose = verbose
        self.store = Store({namespace, "default", "kube-system", "kube-public"})
        self.controller = Controller(self.store)
        self.api = KubeApi(self.store, self.controller, namespace)
        self.requests = []
        self.requests_lock = threading.Lock()
        self.internal_errors = 0  # bugs of this server (500s); the self-test wants none
        self.reject_next = {}  # Content-Type -> status: the next such request is refused
        self.port = 0
        threading.Thread(target=self.controller.tick_forever, daemon=True).start()

    # -- the control API

    def fake_deployment(self, body):
        name = body.get("name", "app")
        replicas = int(body.get("replicas", 4))
        revisions = list(body.get("revisions") or [])
        image = body.get("image") or (revisions[-1] if revisions else "example/app:v1")
        if not revisions or revisions[-1] != image:
            revisions.append(image)
        ns = self.namespace
        template = {"metadata": {"labels": {"app": name}},
                    "spec": {"containers": [{"name": "app", "image": image,
                                             "ports": [{"name": "http", "containerPort": 8080}]}]}}
        now = utcnow()
        oldest = now - timedelta(minutes=5) - timedelta(hours=len(revisions) - 1)
        dep = {"apiVersion": "apps/v1", "kind": "Deployment",
               "metadata": {"name": name, "namespace": ns, "labels": {"app": name},
                            "annotations": {REVISION: str(len(revisions)), CHANGE_CAUSE: f"deploy {image}"},
                            "creationTimestamp": iso(oldest - timedelta(minutes=1))},
               "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                        "template": template, "paused": bool(body.get("paused", False))}}
        res = RESOURCES["deployments"]
        with self.store.lock:
            default_and_validate(res, dep)
            if not dep["spec"]["paused"]:
                del dep["spec"]["paused"]
            dep = self.store.create("deployments", dep)
            for i, img in enumerate(revisions):
                t = copy.deepcopy(dep["spec"]["template"])
                t["spec"]["containers"][0]["image"] = img
                default_template(t)
                pod_hash = safe_hash(template_key(t), 10)
                t["metadata"]["labels"][HASH_LABEL] = pod_hash
                selector = {"matchLabels": {"app": name, HASH_LABEL: pod_hash}}
                ann = {REVISION: str(i + 1), CHANGE_CAUSE: f"deploy {img}",
                       "deployment.kubernetes.io/desired-replicas": str(replicas),
                       "deployment.kubernetes.io/max-replicas": str(replicas + 1)}
                last = i == len(revisions) - 1
                rs = new_replicaset(dep, f"{name}-{pod_hash}", t, selector, ann, replicas if last else 0,
                                    iso(oldest + timedelta(hours=i)))
                self.store.create("replicasets", rs)
            # Settle once, whatever the mode: the seeded deployment starts out complete.
            self.controller.seeding = True
            try:
                for _ in range(100):
                    if not self.controller.step(bump_restarts=False):
                        break
            finally:
                self.controller.seeding = False
            return self.store.get("deployments", ns, name)

    def control(self, method, path, body):
        c = self.controller
        if method == "POST" and body is not None and not isinstance(body, dict):
            return 400, {"error": "the body must be a JSON object"}
        if method == "POST" and path == "/_fake/deployment":
            return 200, self.fake_deployment(body or {})
        if method == "POST" and path == "/_fake/controller":
            mode = (body or {}).get("mode")
            if mode not in ("auto", "frozen"):
                return 400, {"error": 'mode must be "auto" or "frozen"'}
            c.mode = mode
            with self.store.lock:
                c.steps_on_change = int((body or {}).get("steps_on_change", 0))
                c.seen_templates = c.template_keys()
            c.after_mutation()
            return 200, {"mode": mode}
        if method == "POST" and path == "/_fake/reject-next":
            self.reject_next[(body or {}).get("content_type", "")] = int((body or {}).get("status", 500))
            return 200, {}
        if method == "POST" and path == "/_fake/controller/step":
            times = int((body or {}).get("times", 1))
            for _ in range(times):
                c.step(bump_restarts=True)
            return 200, {"steps": times, "resourceVersion": str(self.store.rv)}
        if method == "POST" and path == "/_fake/pods/fault":
            image = (body or {}).get("image")
            if not image:
                return 400, {"error": "image is required"}
            with self.store.lock:
                if body.get("clear"):
                    c.faults.pop(image, None)
                else:
                    c.faults.setdefault(image, {}).update({k: v for k, v in body.items() if k != "image"})
                c.sync_pod_states(bump_restarts=False)
                c.after_mutation()
            return 200, {"image": image, "fault": c.faults.get(image, {})}
        if method == "POST" and path == "/_fake/pods/delete-on-proxy":
            name = (body or {}).get("name")
            if not name:
                return 400, {"error": "name is required"}
            c.delete_on_proxy.add(name)
            return 200, {"name": name}
        if method == "GET" and path == "/_fake/requests":
            with self.requests_lock:
                return 200, list(self.requests)
        if method == "POST" and path == "/_fake/requests/clear":
            with self.requests_lock:
                self.requests.clear()
            return 200, {}
        if method == "GET" and path == "/_fake/state":
            with self.store.lock:
                return 200, {p: self.store.list(p) for p in STORED}
        if method == "GET" and path == "/_fake/replicasets-created":
            return 200, list(c.created)
        return 404, {"error": f"no control endpoint {method} {path}"}

    # -- the pod proxy

    def pod_proxy(self, ns, target):
        name = target.split(":")[1] if target.count(":") == 2 else target.split(":")[0]
        c, res = self.controller, RESOURCES["pods"]
        with self.store.lock:
            pod = self.store.get("pods", ns, name)
            if pod is None:
                raise not_found(res, name)
            if name in c.delete_on_proxy:
                c.delete_on_proxy.discard(name)
                self.store.delete("pods", ns, name)
                c.after_mutation()
                raise not_found(res, name)
            faults = [c.faults.get(ct.get("image"), {}) for ct in pod["spec"].get("containers", [])]
        fault = next((f for f in faults if f), {})
        if fault.get("proxy_status"):
            code = int(fault["proxy_status"])
            if code == 403:
                raise ApiError(403, "Forbidden",
                               f'pods "{name}" is forbidden: User "tester" cannot get resource "pods/proxy" in API group "" in the namespace "{ns}"',
                               {"name": name, "kind": "pods"})
            raise ApiError(code, "InternalError" if code >= 500 else "BadRequest",
                           f"proxy answered {code} for pod {name}")
        if fault.get("crashloop") and "health_status" not in fault:
            ip = pod["status"].get("podIP", "10.0.0.2")
            raise ApiError(503, "ServiceUnavailable",
                           f"error trying to reach service: dial tcp {ip}:8080: connect: connection refused")
        code = int(fault.get("health_status", 200))
        if "health_body" in fault:
            body = fault["health_body"]
        elif code < 400:
            # The seed's /api/health shape: "ok" when Cohere is healthy, "degraded" otherwise.
            body = {"status": "ok", "cohere": {"status": "healthy", "latencyMs": 120},
                    "timestamp": iso_ms()}
        else:
            body = {"status": "degraded", "cohere": {"status": "down", "latencyMs": 0},
                    "timestamp": iso_ms()}
        return code, body


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-kube-apiserver/1.32"

    @property
    def app(self):
        return self.server.app

    def log_message(self, fmt, *args):
        if self.app.verbose:
            sys.stderr.write("fake-kube-apiserver: " + (fmt % args) + "\n")

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_PATCH(self):
        self.dispatch("PATCH")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def send_json(self, code, obj, content_type="application/json"):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache, private")
        self.end_headers()
        self.wfile.write(data)

    def dispatch(self, method):
        self.streaming = False
        url = urllib.parse.urlsplit(self.path)
        query = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        try:
            if url.path.startswith("/_fake/"):
                code, obj = self.app.control(method, url.path.rstrip("/"), parsed)
                self.send_json(code, obj)
                return
            with self.app.requests_lock:
                self.app.requests.append({"method": method, "path": url.path, "query": query, "body": parsed,
                                          "content_type": self.headers.get("Content-Type", ""),
                                          "time": datetime.now(timezone.utc).isoformat()})
            status = self.app.reject_next.pop(self.headers.get("Content-Type", ""), None)
            if status is not None:
                raise ApiError(status, "InternalError", "the fake API server refused this request "
                                                        "because the test told it to")
            self.kube(method, url.path, query, raw, parsed)
        except ApiError as e:
            self.send_json(e.code, e.status())
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as e:  # a bug here should show as a 500, not a hung kubectl
            traceback.print_exc()
            self.app.internal_errors += 1
            if self.streaming:  # headers already sent: all we can do is hang up
                self.close_connection = True
            else:
                self.send_json(500, ApiError(500, "InternalError", f"fake apiserver: {e!r}").status())

    def kube(self, method, path, query, raw, body):
        parts = [p for p in path.split("/") if p]
        if path == "/version":
            self.send_json(200, {"major": "1", "minor": "32", "gitVersion": "v1.32.0", "gitCommit": "fake",
                                 "gitTreeState": "clean", "buildDate": "2024-12-11T00:00:00Z",
                                 "goVersion": "go1.23.3", "compiler": "gc", "platform": "linux/amd64"})
            return
        if path in ("/api", "/api/"):
            self.send_json(200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [
                {"clientCIDR": "0.0.0.0/0", "serverAddress": f"127.0.0.1:{self.app.port}"}]})
            return
        apps = {"name": "apps", "versions": [{"groupVersion": "apps/v1", "version": "v1"}],
                "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}}
        if path in ("/apis", "/apis/"):
            # Legacy discovery; kubectl asked for the aggregated form and falls back on this.
            self.send_json(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": [apps]})
            return
        if path == "/apis/apps":
            self.send_json(200, dict(apps, kind="APIGroup", apiVersion="v1"))
            return
        if parts[:2] == ["openapi", "v3"]:
            self.send_json(200, openapi_v3("/".join(parts[2:])))
            return
        if parts[:2] == ["api", "v1"]:
            group, rest = "", parts[2:]
        elif parts[:3] == ["apis", "apps", "v1"]:
            group, rest = "apps", parts[3:]
        else:
            raise NO_ROUTE
        if not rest:
            self.send_json(200, {"kind": "APIResourceList", "apiVersion": "v1",
                                 "groupVersion": "apps/v1" if group else "v1",
                                 "resources": discovery_resources(group)})
            return
        ns = None
        if rest[0] == "namespaces" and len(rest) >= 3 and group == "":
            ns, rest = rest[1], rest[2:]
        elif rest[0] == "namespaces" and len(rest) >= 3 and group == "apps":
            ns, rest = rest[1], rest[2:]
        res = RESOURCES.get(rest[0])
        if res is None or res.group != group:
            raise NO_ROUTE
        name = rest[1] if len(rest) > 1 else None
        sub = rest[2] if len(rest) > 2 else None
        dry = query.get("dryRun") == "All"
        api = self.app.api

        if res.plural == "namespaces":
            self.namespaces(method, name, query)
            return
        if res.plural == "events":
            if method != "GET" or name:
                raise NO_ROUTE if name else ApiError(405, "MethodNotAllowed", "events are read-only here")
            self.send_json(200, {"kind": "EventList", "apiVersion": "v1",
                                 "metadata": {"resourceVersion": str(self.app.store.rv)}, "items": []})
            return
        if name is None:
            if method == "GET":
                if query.get("watch") in ("true", "1"):
                    self.watch(res, ns, query)
                else:
                    result = api.list(res, ns, query)
                    self.send_maybe_table(res, result["items"], result, query)
                return
            if method == "POST" and ns:
                self.send_json(201, api.create(res, ns, body, dry))
                return
            raise ApiError(405, "MethodNotAllowed", f"{method} is not supported on a collection here")
        if not ns:
            raise NO_ROUTE
        if sub == "proxy" and res.plural == "pods":
            code, obj = self.app.pod_proxy(ns, name)
            self.send_json(code, obj)
            return
        if sub == "log" and res.plural == "pods":
            pod = api.get(res, ns, name.split(":")[0])
            text = f'{iso()} listening on :8080 ({pod["spec"]["containers"][0].get("image")})\n'
            data = text.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if sub not in (None, "status") and not (sub == "scale" and res.plural != "pods"):
            raise NO_ROUTE
        if method == "GET":
            obj = api.get(res, ns, name)
            if sub == "scale":
                obj = api.scale_view(res, obj)
                self.send_json(200, obj)
            else:
                self.send_maybe_table(res, [obj], obj, query)
        elif method == "PUT":
            if sub == "scale":
                self.send_json(200, api.set_scale(res, ns, name, body or {}, dry))
            else:
                self.send_json(200, api.replace(res, ns, name, body, dry, sub))
        elif method == "PATCH":
            self.send_json(200, api.patch(res, ns, name, self.headers.get("Content-Type"), raw, dry, sub))
        elif method == "DELETE" and sub is None:
            self.send_json(200, api.delete(res, ns, name, dry))
        else:
            raise ApiError(405, "MethodNotAllowed", f"{method} is not supported here")

    def namespaces(self, method, name, query):
        store = self.app.store
        def ns_obj(n):
            return {"apiVersion": "v1", "kind": "Namespace",
                    "metadata": {"name": n, "uid": str(uuid.uuid5(uuid.NAMESPACE_DNS, n)), "resourceVersion": "1",
                                 "creationTimestamp": "2024-01-01T00:00:00Z",
                                 "labels": {"kubernetes.io/metadata.name": n}},
                    "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}
        if method != "GET":
            raise ApiError(405, "MethodNotAllowed", "namespaces are read-only here")
        if name:
            if name not in store.namespaces:
                raise not_found(RESOURCES["namespaces"], name)
            self.send_maybe_table(RESOURCES["namespaces"], [ns_obj(name)], ns_obj(name), query)
        else:
            items = [ns_obj(n) for n in sorted(store.namespaces)]
            self.send_maybe_table(RESOURCES["namespaces"], items,
                                  {"kind": "NamespaceList", "apiVersion": "v1",
                                   "metadata": {"resourceVersion": "1"}, "items": items}, query)

    def send_maybe_table(self, res, items, plain, query):
        accept = self.headers.get("Accept", "")
        if "as=Table" in accept:
            t = table(res, items, query.get("includeObject") == "Object")
            t["metadata"]["resourceVersion"] = str(self.app.store.rv)
            self.send_json(200, t)
        else:
            self.send_json(200, plain)

    def write_chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def watch(self, res, ns, query):
        """Stream watch events as chunked JSON lines until timeoutSeconds (max 60 s)."""
        store = self.app.store
        selector = Selector(query)
        try:
            timeout = min(float(query.get("timeoutSeconds") or MAX_WATCH_SECONDS), MAX_WATCH_SECONDS)
        except ValueError:
            timeout = MAX_WATCH_SECONDS
        deadline = time.monotonic() + timeout
        rv = query.get("resourceVersion", "")
        initial_events = query.get("sendInitialEvents") == "true"
        as_table = "as=Table" in self.headers.get("Accept", "")

        def line(typ, obj):
            # `kubectl get -w` asks for Tables: each event then carries a one-row Table.
            if as_table and typ != "BOOKMARK":
                obj = table(res, [obj], query.get("includeObject") == "Object")
            return json.dumps({"type": typ, "object": obj}).encode() + b"\n"
        with store.lock:
            if rv in ("", "0") or initial_events:
                initial = [o for o in store.list(res.plural, ns) if selector(o)]
                since = store.rv
            else:
                initial, since = [], int(rv) if rv.isdigit() else store.rv
        self.streaming = True
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache, private")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for obj in initial:
            self.write_chunk(line("ADDED", obj))
        if initial_events:
            bookmark = {"kind": res.kind, "apiVersion": res.api_version,
                        "metadata": {"resourceVersion": str(since),
                                     "annotations": {"k8s.io/initial-events-end": "true"}}}
            self.write_chunk(line("BOOKMARK", bookmark))
        while True:
            with store.changed:
                events = store.events_after(since)
                while not events:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    store.changed.wait(min(left, 1.0))
                    events = store.events_after(since)
            if not events:
                break
            out = []
            for ev_rv, plural, ev_ns, kind, obj, previous in events:
                since = ev_rv
                if plural != res.plural or (ns is not None and ev_ns != ns):
                    continue
                now_match = selector(obj)
                was_match = selector(previous) if previous is not None else False
                if kind == "DELETED":
                    typ = "DELETED" if now_match else None
                elif kind == "ADDED":
                    typ = "ADDED" if now_match else None
                else:
                    typ = ("MODIFIED" if was_match else "ADDED") if now_match else ("DELETED" if was_match else None)
                if typ:
                    out.append(line(typ, obj))
            for data in out:
                self.write_chunk(data)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def write_kubeconfig(path, port, context, namespace):
    q = json.dumps  # JSON strings are valid YAML scalars
    text = f"""apiVersion: v1
kind: Config
clusters:
- name: fake-cluster
  cluster:
    server: {q(f"http://127.0.0.1:{port}")}
contexts:
- name: {q(context)}
  context:
    cluster: fake-cluster
    namespace: {q(namespace)}
    user: tester
current-context: {q(context)}
users:
- name: tester
  user: {{}}
preferences: {{}}
"""
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def start_server(namespace, verbose=False):
    app = App(namespace, verbose)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.app = app
    app.port = server.server_address[1]
    return server, app


def main():
    ap = argparse.ArgumentParser(description="Loopback fake Kubernetes API server for golive's tests.")
    ap.add_argument("--kubeconfig")
    ap.add_argument("--namespace", default="shop")
    ap.add_argument("--context", default="prod-eu-1")
    ap.add_argument("--verbose", action="store_true", help="log every request on stderr")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    if args.self_test:
        sys.exit(self_test())
    if not args.kubeconfig:
        ap.error("--kubeconfig is required")
    server, app = start_server(args.namespace, args.verbose)
    write_kubeconfig(args.kubeconfig, app.port, args.context, args.namespace)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    def die_with_parent():
        # The test that started us holds our stdin; when it goes away, so do we.
        try:
            while sys.stdin.buffer.read(65536):
                pass
        except Exception:
            pass
        os._exit(0)

    threading.Thread(target=die_with_parent, daemon=True).start()
    print(f"listening 127.0.0.1:{app.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        os._exit(0)


# ----------------------------------------------------------------------------------------------
# Self-test: the real kubectl against an in-process server

def self_test():
    import urllib.request
    kubectl = os.environ.get("KUBECTL", "kubectl")
    server, app = start_server("shop")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = tempfile.mkdtemp(prefix="fake-kube-selftest-")
    kubeconfig = os.path.join(tmp, "kubeconfig")
    write_kubeconfig(kubeconfig, app.port, "prod-eu-1", "shop")
    env = dict(os.environ, HOME=tmp, KUBECONFIG=kubeconfig)
    base = f"http://127.0.0.1:{app.port}"
    failures, timings = [], []

    def control(path, body=None):
        req = urllib.request.Request(base + path, method="POST" if body is not None else "GET",
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read())

    def k(*args, timeout=60):
        start = time.monotonic()
        p = subprocess.run([kubectl, "--kubeconfig", kubeconfig, "--cache-dir", os.path.join(tmp, "cache"),
                            "--context", "prod-eu-1", "--namespace", "shop", *args],
                           capture_output=True, text=True, env=env, timeout=timeout, stdin=subprocess.DEVNULL)
        timings.append((time.monotonic() - start, " ".join(args)))
        return p.returncode, p.stdout, p.stderr

    def wait_until(condition, timeout=10.0):
        # Condition-based waiting, like QTest::qWaitFor: poll, never guess a duration.
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("condition not met within %.0f s" % timeout)
            time.sleep(0.05)

    def check(what, cond, detail=""):
        print(("ok   " if cond else "FAIL ") + what + ("" if cond else f"\n     {detail}"), flush=True)
        if not cond:
            failures.append(what)

    def manifest(image, name="app"):
        path = os.path.join(tmp, f"deploy-{safe_hash(image, 4)}.yaml")
        with open(path, "w") as f:
            f.write(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: shop
  annotations:
    kubernetes.io/change-cause: deploy {image}
spec:
  replicas: 4
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
      - name: app
        image: {image}
        ports:
        - name: http
          containerPort: 8080
""")
        return path

    def dep():
        return json.loads(k("get", "deployment/app", "-o", "json")[1])

    control("/_fake/deployment", {"name": "app", "replicas": 4, "image": "example/app:v2",
                                  "revisions": ["example/app:v1", "example/app:v2"]})
    rc, out, err = k("get", "deployments")
    check("get deployments (table)", rc == 0 and "app" in out and "4/4" in out, out + err)
    rc, out, err = k("rollout", "status", "deployment/app", "--timeout=10s")
    check("rollout status of the seeded deployment", rc == 0 and "successfully rolled out" in out, out + err)
    rc, out, err = k("get", "deployment/nope")
    check("NotFound error", rc == 1 and 'Error from server (NotFound): deployments.apps "nope" not found' in err, err)

    # Apply v3 in auto mode: completes.
    rc, out, err = k("apply", "-f", manifest("example/app:v3"))
    check("apply v3", rc == 0 and "deployment.apps/app configured" in out, out + err)
    rc, out, err = k("rollout", "status", "deployment/app", "--timeout=20s")
    check("auto mode completes the rollout", rc == 0 and "successfully rolled out" in out, out + err)
    d = dep()
    check("image is v3 and last-applied kept",
          d["spec"]["template"]["spec"]["containers"][0]["image"] == "example/app:v3"
          and "kubectl.kubernetes.io/last-applied-configuration" in d["metadata"]["annotations"], json.dumps(d)[:400])
    rc, out, err = k("rollout", "history", "deployment/app")
    revs = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    check("history shows 1,2,3", rc == 0 and revs == ["1", "2", "3"], out + err)
    rc, out, err = k("rollout", "history", "deployment/app", "--revision=2")
    check("history --revision=2 shows v2", rc == 0 and "example/app:v2" in out, out + err)

    # Undo to revision 2: it becomes revision 4.
    rc, out, err = k("rollout", "undo", "deployment/app", "--to-revision=2")
    check("rollout undo --to-revision=2", rc == 0 and "rolled back" in out, out + err)
    rc, out, err = k("rollout", "history", "deployment/app")
    revs = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    check("history after undo shows 1,3,4", revs == ["1", "3", "4"], out + err)
    rc, out, err = k("rollout", "undo", "deployment/app", "--to-revision=2")
    check("undo to the renumbered revision fails", rc != 0 and "unable to find specified revision 2 in history" in err, out + err)
    d = dep()
    check("deployment revision annotation is 4 and image v2",
          d["metadata"]["annotations"].get(REVISION) == "4"
          and d["spec"]["template"]["spec"]["containers"][0]["image"] == "example/app:v2", json.dumps(d)[:400])

    # Pause, and a paused deployment refuses undo and times out rollout status.
    rc, out, err = k("rollout", "pause", "deployment/app")
    check("rollout pause", rc == 0 and "paused" in out, out + err)
    rc, out, err = k("rollout", "pause", "deployment/app")
    check("pause of a paused deployment fails", rc != 0, out + err)
    print("     (kubectl says: " + (out + err).strip() + ")")
    rc, out, err = k("rollout", "undo", "deployment/app")
    check("undo refuses a paused deployment", rc != 0 and "paused" in err, out + err)
    rc, out, err = k("apply", "-f", manifest("example/app:v5"))
    rc2, out2, err2 = k("rollout", "status", "deployment/app", "--timeout=3s")
    check("paused: apply makes no ReplicaSet and rollout status times out",
          rc == 0 and rc2 == 1 and "0 out of 4 new replicas have been updated" in out2
          and not any(r["image"] == "example/app:v5" for r in control("/_fake/replicasets-created")),
          out + err + out2 + err2)
    rc, out, err = k("rollout", "status", "deployment/app", "--watch=false")
    check("rollout status --watch=false while paused", rc == 0 and "Waiting for deployment" in out, out + err)

    # json-patch with a failing test op; merge patch resumes.
    rc, out, err = k("patch", "deployment/app", "--type=json",
                     "-p", '[{"op":"test","path":"/spec/paused","value":false},{"op":"replace","path":"/spec/replicas","value":5}]')
    check("json-patch with a failing test op fails naming the path", rc != 0 and "/spec/paused" in err, out + err)
    print("     (kubectl says: " + err.strip() + ")")
    # Freeze before resuming so the canary can be stepped.
    control("/_fake/controller", {"mode": "frozen"})
    rc, out, err = k("patch", "deployment/app", "--type=merge", "-p", '{"spec":{"paused":false}}')
    check("merge patch resumes", rc == 0 and "patched" in out and not dep()["spec"].get("paused"), out + err)
    control("/_fake/controller/step", {"times": 1})
    rc, out, err = k("rollout", "status", "deployment/app", "--watch=false")
    check("frozen + one step = one new pod",
          "1 out of 4 new replicas have been updated" in out, out + err)
    rc, out, err = k("rollout", "status", "deployment/app", "--timeout=3s")
    check("frozen: rollout status times out", rc == 1 and "timed out" in err, out + err)
    # Watch: stepping the frozen controller while `rollout status` watches makes it finish.
    def watches():
        return sum(r["query"].get("watch") in ("true", "1") for r in control("/_fake/requests"))
    watches_before = watches()
    proc = subprocess.Popen([kubectl, "--kubeconfig", kubeconfig, "--cache-dir", os.path.join(tmp, "cache"),
                             "rollout", "status", "deployment/app", "--timeout=30s"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    # Step only once kubectl is watching, so the steps arrive as watch events (poll, don't guess).
    wait_until(lambda: watches() > watches_before)
    for _ in range(4):
        control("/_fake/controller/step", {"times": 1})
    out, err = proc.communicate(timeout=40)
    check("rollout status follows the watch to success",
          proc.returncode == 0 and "successfully rolled out" in out and "out of 4 new replicas" in out, out + err)
    rc, out, err = k("get", "--raw", "/apis/apps/v1/namespaces/shop/deployments?watch=true&timeoutSeconds=1")
    check("raw watch streams ADDED and ends at timeoutSeconds", rc == 0 and '"type":"ADDED"' in out.replace(" ", ""), out[:300] + err)
    control("/_fake/controller", {"mode": "auto"})

    # Pod proxy.
    pods = json.loads(k("get", "pods", "-l", "app=app", "-o", "json")[1])["items"]
    name = pods[0]["metadata"]["name"]
    image = pods[0]["spec"]["containers"][0]["image"]
    rc, out, err = k("get", "--raw", f"/api/v1/namespaces/shop/pods/{name}:8080/proxy/api/health")
    check("pod proxy 200", rc == 0 and json.loads(out)["status"] == "ok", out + err)
    control("/_fake/pods/fault", {"image": image, "health_status": 503})
    rc, out, err = k("get", "--raw", f"/api/v1/namespaces/shop/pods/{name}:8080/proxy/api/health")
    check("pod proxy 503 fails", rc == 1, out + err)
    print("     (kubectl says: " + err.strip() + ")")
    control("/_fake/pods/fault", {"image": image, "proxy_status": 403})
    rc, out, err = k("get", "--raw", f"/api/v1/namespaces/shop/pods/{name}/proxy/api/health")
    check("pod proxy 403 fails Forbidden", rc == 1 and "Forbidden" in err and "pods/proxy" in err, out + err)
    print("     (kubectl says: " + err.strip() + ")")
    control("/_fake/pods/fault", {"image": image, "clear": True})
    control("/_fake/pods/delete-on-proxy", {"name": name})
    rc, out, err = k("get", "--raw", f"/api/v1/namespaces/shop/pods/{name}:8080/proxy/api/health")
    check("pod deleted on proxy answers NotFound", rc == 1 and "NotFound" in err, out + err)

    # Crashloop fault on a new version.
    control("/_fake/pods/fault", {"image": "example/app:v6", "crashloop": True})
    k("apply", "-f", manifest("example/app:v6"))
    wait_until(lambda: any(p["spec"]["containers"][0]["image"] == "example/app:v6"
                           and p["status"]["containerStatuses"][0]["restartCount"] > 0
                           for p in control("/_fake/state")["pods"]))
    rc, out, err = k("rollout", "status", "deployment/app", "--timeout=2s")
    pods = json.loads(k("get", "pods", "-l", "app=app", "-o", "json")[1])["items"]
    crash = [p for p in pods if p["spec"]["containers"][0]["image"] == "example/app:v6"]
    check("crashloop: rollout status times out, restarts grow",
          rc == 1 and crash and crash[0]["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "CrashLoopBackOff"
          and crash[0]["status"]["containerStatuses"][0]["restartCount"] > 0, out + err)
    reqs = control("/_fake/requests")
    check("request log records patches", any(r["method"] == "PATCH" and r["content_type"].startswith("application/json-patch")
                                             for r in reqs), "")

    check("the fake apiserver raised no internal errors", app.internal_errors == 0, str(app.internal_errors))
    timings.sort()
    print(f"kubectl timing: {len(timings)} calls, median {timings[len(timings) // 2][0]:.2f}s, "
          f"max {timings[-1][0]:.2f}s ({timings[-1][1]})")
    server.shutdown()
    print("self-test " + ("passed" if not failures else f"FAILED: {', '.join(failures)}"))
    return 0 if not failures else 1


if __name__ == "__main__":
    main()

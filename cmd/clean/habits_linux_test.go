package main

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal and returns its two ends; the test is
// skipped where there is none.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	var unlock int32
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Skipf("unlocking the pseudo-terminal: %v", e)
	}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Skipf("naming the pseudo-terminal: %v", e)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("opening the pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

func TestTerminalInputHintAndInterrupt(t *testing.T) {
	t.Parallel()
	// Run with no path at a terminal, clean says what it waits for, and
	// the first Ctrl-C (SIGINT) ends it, whether it spools standard input
	// for learning or streams it.
	for _, args := range [][]string{nil, {"--site-repeat=false"}, {"check"}} {
		_, slave := openPTY(t)
		c := cleanCmd(args...)
		var stderr syncBuffer
		c.Stdin, c.Stderr = slave, &stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		hint := false
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !hint; time.Sleep(20 * time.Millisecond) {
			hint = strings.Contains(stderr.String(), "reading JSON Lines from standard input (Ctrl-D to end)")
		}
		if !hint {
			t.Errorf("%v: no hint on stderr: %q", args, stderr.String())
		}
		c.Process.Signal(os.Interrupt)
		exited := make(chan error, 1)
		go func() { exited <- c.Wait() }()
		select {
		case <-exited:
			if code := c.ProcessState.ExitCode(); code != exitInterrupted {
				t.Errorf("%v: exit %d after Ctrl-C, want %d; stderr %q", args, code, exitInterrupted, stderr.String())
			}
		case <-time.After(10 * time.Second):
			c.Process.Kill()
			<-exited
			t.Errorf("%v: still running 10 s after the first Ctrl-C", args)
		}
	}
}

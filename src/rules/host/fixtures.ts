/** Shared /proc/self/mountinfo texts for host rule tests: the data root on the root filesystem, or on its own dm-crypt volume. */
export const MOUNTINFO_SHARED = '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n23 22 0:21 / /proc rw - proc proc rw\n';
export const MOUNTINFO_OWN = `${MOUNTINFO_SHARED}40 22 253:1 / /var/lib/docker rw,relatime shared:9 - xfs /dev/mapper/docker rw\n`;
